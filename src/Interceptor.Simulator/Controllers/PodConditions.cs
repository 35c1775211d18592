using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>Reads and writes pod status the way k8s.io/kubernetes pkg/api/v1/pod (podutil) does.</summary>
internal static class PodConditions
{
    public const string Ready = "Ready";
    public const string PodScheduled = "PodScheduled";

    public static string Phase(JsonObject pod) => PodFields.Phase(pod) ?? "";

    public static string NodeName(JsonObject pod) => PodFields.NodeName(pod) ?? "";

    public static bool IsTerminating(JsonObject obj) => Meta.String(obj["metadata"], "deletionTimestamp") is not null;

    /// <summary>controller.IsPodActive: not Succeeded, not Failed, not being deleted.</summary>
    public static bool IsActive(JsonObject pod) =>
        Phase(pod) is not ("Succeeded" or "Failed") && !IsTerminating(pod);

    /// <summary>podutil.IsPodReady: the Ready condition is True.</summary>
    public static bool IsReady(JsonObject pod) => Condition(pod, Ready) is { } c && Meta.String(c, "status") == "True";

    /// <summary>When the pod became Ready (the Ready condition's lastTransitionTime), or null when not ready or unknown.</summary>
    public static DateTimeOffset? ReadyTime(JsonObject pod) =>
        IsReady(pod) ? PodFields.Time(Meta.String(Condition(pod, Ready), "lastTransitionTime")) : null;

    public static DateTimeOffset? CreationTime(JsonObject obj) => PodFields.Time(Meta.String(obj["metadata"], "creationTimestamp"));

    public static JsonObject? Condition(JsonObject pod, string type) => PodFields.Condition(pod, type);

    /// <summary>
    /// podutil.UpdatePodCondition: sets one condition, keeping lastTransitionTime when the status does not change,
    /// so rewriting the same verdict is a no-op write the store skips.
    /// </summary>
    public static void Set(JsonObject pod, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        if (pod["status"] is not JsonObject podStatus)
        {
            podStatus = [];
            pod["status"] = podStatus;
        }
        if (podStatus["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            podStatus["conditions"] = conditions;
        }
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => Meta.String(c, "type") == type);
        var since = existing is not null && Meta.String(existing, "status") == status
            ? Meta.String(existing, "lastTransitionTime")
            : CreateDefaults.Rfc3339(now);
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = since };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }
        if (message is not null)
        {
            condition["message"] = message;
        }
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }
}
