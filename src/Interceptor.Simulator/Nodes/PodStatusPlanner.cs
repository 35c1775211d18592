using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;
using Stage = Interceptor.Simulator.Nodes.ContainerStatuses.Stage;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// Pure: given the pod as stored, the kubelet's runtime record and the time, what its status should be.
/// Pending (ContainerCreating) until the containers start, Running until the readiness probes pass, then
/// ContainersReady, and Ready once every readiness gate's condition is True. After a deletion the containers stop
/// (SIGTERM, or SIGKILL when the grace period ends); the pod turns Succeeded or Failed and can be removed.
/// </summary>
internal static class PodStatusPlanner
{
    public static PodPlan Plan(JsonObject pod, PodRuntime runtime, string hostIP, DateTimeOffset now)
    {
        var deletion = PodFields.DeletionTimestamp(pod);
        var stoppedAt = runtime.StoppedAt(deletion);
        var terminal = stoppedAt is { } stop && now >= stop;
        var stage = StageAt(runtime, terminal, now);
        var graceful = runtime.ExitedGracefully(deletion);
        var unready = stage == Stage.Ready ? [] : runtime.Containers.Select(c => c.Name).ToList();

        var status = pod["status"]?.DeepClone() as JsonObject ?? [];
        status["phase"] = Phase(stage, graceful);
        status["conditions"] = PodConditions.Merge(pod,
        [
            new(PodConditions.PodReadyToStartContainers, !terminal),
            new(PodConditions.Initialized, true),
            PodConditions.ContainersReadyCondition(terminal, unready),
            PodConditions.ReadyCondition(pod, terminal, unready),
        ], now);
        status["hostIP"] = hostIP;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIP });
        status["podIP"] = runtime.PodIP;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.PodIP });
        status["startTime"] = Store.CreateDefaults.Rfc3339(runtime.AdmittedAt);
        status["containerStatuses"] = new JsonArray(
            [.. runtime.Containers.Select(c => ContainerStatuses.Build(c, runtime, stage, stoppedAt, graceful))]);
        return new PodPlan(status, terminal, NextChange(runtime, stoppedAt, now));
    }

    private static Stage StageAt(PodRuntime runtime, bool terminal, DateTimeOffset now) =>
        terminal ? Stage.Terminated
        : runtime.ReadySince is { } ready && now >= ready ? Stage.Ready
        : runtime.RunningSince is { } running && now >= running ? Stage.Running
        : Stage.Waiting;

    /// <summary>A stopped pod is terminal: Succeeded when every container exited 0 on SIGTERM, Failed otherwise.</summary>
    private static string Phase(Stage stage, bool graceful) => stage switch
    {
        Stage.Terminated => graceful ? "Succeeded" : "Failed",
        Stage.Running or Stage.Ready => "Running",
        _ => "Pending",
    };

    /// <summary>The next instant the status changes by itself: start, readiness, or the containers stopping.</summary>
    private static DateTimeOffset? NextChange(PodRuntime runtime, DateTimeOffset? stoppedAt, DateTimeOffset now) =>
        new[] { runtime.RunningSince, runtime.ReadySince, stoppedAt }
            .Where(t => t is { } time && time > now && time != DateTimeOffset.MaxValue)
            .Min();
}
