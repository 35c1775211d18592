using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// component-helpers pdbhelper.UpdateDisruptionAllowedCondition: DisruptionAllowed is True (SufficientPods) while
/// disruptions are allowed, False (InsufficientPods) otherwise; the disruption controller's failSafe sets False
/// with SyncFailed. Eviction reaches the False case when it takes the last allowed disruption.
/// </summary>
internal static class BudgetConditions
{
    private const string ConditionType = "DisruptionAllowed";

    public static void MarkInsufficient(JsonObject status, string now) => Set(status, false, "InsufficientPods", "", now);

    /// <summary>UpdateDisruptionAllowedCondition from <c>status.disruptionsAllowed</c>.</summary>
    public static void Update(JsonObject status, string now)
    {
        var allowed = JsonNumbers.Long(status, "disruptionsAllowed") > 0;
        Set(status, allowed, allowed ? "SufficientPods" : "InsufficientPods", "", now);
    }

    /// <summary>disruption.go failSafe: the status could not be computed, so nothing may be disrupted.</summary>
    public static void MarkSyncFailed(JsonObject status, string message, string now) => Set(status, false, "SyncFailed", message, now);

    private static void Set(JsonObject status, bool allowed, string reason, string message, string now)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }
        var condition = conditions.OfType<JsonObject>().FirstOrDefault(c => Meta.String(c, "type") == ConditionType);
        if (condition is null)
        {
            condition = new JsonObject { ["type"] = ConditionType };
            conditions.Add(condition);
        }
        var value = allowed ? "True" : "False";
        // meta.SetStatusCondition moves lastTransitionTime only when the status changes.
        if (Meta.String(condition, "status") != value)
        {
            condition["lastTransitionTime"] = now;
        }
        condition["status"] = value;
        condition["reason"] = reason;
        condition["message"] = message;
        condition["observedGeneration"] = JsonNumbers.Long(status, "observedGeneration");
    }
}
