using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// component-helpers pdbhelper.UpdateDisruptionAllowedCondition for the case eviction reaches: the last
/// allowed disruption was taken, so DisruptionAllowed turns False with reason InsufficientPods.
/// </summary>
internal static class BudgetConditions
{
    private const string ConditionType = "DisruptionAllowed";

    public static void MarkInsufficient(JsonObject status, string now)
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
        // meta.SetStatusCondition moves lastTransitionTime only when the status changes.
        if (Meta.String(condition, "status") != "False")
        {
            condition["lastTransitionTime"] = now;
        }
        condition["status"] = "False";
        condition["reason"] = "InsufficientPods";
        condition["message"] = "";
        condition["observedGeneration"] = JsonNumbers.Long(status, "observedGeneration");
    }
}
