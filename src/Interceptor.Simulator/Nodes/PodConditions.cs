using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The pod conditions the kubelet owns (kubelet <c>pkg/kubelet/status/generate.go</c>), with the real reasons and
/// messages. Conditions other writers own (readiness gates, DisruptionTarget) are kept as they are.
/// </summary>
internal static class PodConditions
{
    public const string PodScheduled = "PodScheduled";
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";

    private static readonly string[] KubeletOwned = [PodReadyToStartContainers, Initialized, ContainersReady, Ready];

    /// <summary>One condition's desired state; lastTransitionTime comes from the previous status.</summary>
    public sealed record Desired(string Type, bool Status, string? Reason = null, string? Message = null);

    /// <summary>
    /// The Ready condition: containers ready, then every readiness gate's condition True (GeneratePodReadyCondition).
    /// </summary>
    public static Desired ReadyCondition(JsonObject pod, bool terminal, IReadOnlyList<string> unreadyContainers)
    {
        if (terminal)
        {
            return new Desired(Ready, false, "PodCompleted");
        }
        if (unreadyContainers.Count > 0)
        {
            return new Desired(Ready, false, "ContainersNotReady", UnreadyMessage(unreadyContainers));
        }
        var problems = PodFields.ReadinessGates(pod).Select(gate => GateProblem(pod, gate)).OfType<string>().ToList();
        return problems.Count == 0
            ? new Desired(Ready, true)
            : new Desired(Ready, false, "ReadinessGatesNotReady", string.Join(", ", problems));
    }

    public static Desired ContainersReadyCondition(bool terminal, IReadOnlyList<string> unreadyContainers) =>
        terminal ? new Desired(ContainersReady, false, "PodCompleted")
        : unreadyContainers.Count > 0 ? new Desired(ContainersReady, false, "ContainersNotReady", UnreadyMessage(unreadyContainers))
        : new Desired(ContainersReady, true);

    /// <summary>
    /// The conditions to write: PodScheduled (kept, or True: the kubelet only runs scheduled pods), the kubelet's own
    /// in the real order, then everyone else's unchanged. A condition whose status did not change keeps its time.
    /// </summary>
    public static JsonArray Merge(JsonObject pod, IReadOnlyList<Desired> desired, DateTimeOffset now)
    {
        var result = new JsonArray();
        result.Add(PodFields.Condition(pod, PodScheduled)?.DeepClone() ?? Build(new Desired(PodScheduled, true), null, now));
        foreach (var condition in desired)
        {
            result.Add(Build(condition, PodFields.Condition(pod, condition.Type), now));
        }
        var others = pod["status"]?["conditions"] as JsonArray ?? [];
        foreach (var other in others.OfType<JsonObject>())
        {
            var type = Meta.String(other, "type");
            if (type != PodScheduled && !KubeletOwned.Contains(type))
            {
                result.Add(other.DeepClone());
            }
        }
        return result;
    }

    private static JsonObject Build(Desired desired, JsonObject? previous, DateTimeOffset now)
    {
        var status = desired.Status ? "True" : "False";
        var unchanged = previous is not null && Meta.String(previous, "status") == status;
        var condition = new JsonObject
        {
            ["type"] = desired.Type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = unchanged ? previous!["lastTransitionTime"]?.DeepClone() : CreateDefaults.Rfc3339(now),
        };
        if (desired.Reason is not null)
        {
            condition["reason"] = desired.Reason;
        }
        if (desired.Message is not null)
        {
            condition["message"] = desired.Message;
        }
        return condition;
    }

    private static string? GateProblem(JsonObject pod, string gate) => PodFields.Condition(pod, gate) switch
    {
        null => $"corresponding condition of pod readiness gate \"{gate}\" does not exist.",
        var c when Meta.String(c, "status") != "True" =>
            $"the status of pod readiness gate \"{gate}\" is not \"True\", but {Meta.String(c, "status")}",
        _ => null,
    };

    private static string UnreadyMessage(IReadOnlyList<string> containers) =>
        $"containers with unready status: [{string.Join(" ", containers)}]";
}
