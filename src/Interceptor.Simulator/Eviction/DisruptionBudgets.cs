using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// The PodDisruptionBudget half of eviction.go: which PDBs cover a pod (getPodDisruptionBudgets) and the
/// verify-and-decrement of <c>status.disruptionsAllowed</c> (checkAndDecrement), written as a status update.
/// </summary>
internal static class DisruptionBudgets
{
    private static ResourceType Pdbs => BuiltinResources.PodDisruptionBudgets;

    /// <summary>PDBs in the pod's namespace whose selector matches it; a missing, empty or invalid selector matches nothing.</summary>
    public static IReadOnlyList<JsonObject> Covering(FakeObjectStore store, JsonObject pod)
    {
        var ns = Meta.Namespace(pod);
        return [.. store.List(Pdbs, new ObjectFilter(ns, LabelSelector.Everything, FieldSelector.Everything)).Items
            .Where(pdb => LabelSelectorJson.Parse(pdb["spec"]?["selector"]) is { Requirements.Count: > 0 } selector
                && selector.Matches(pod))];
    }

    /// <summary>
    /// Throws the 429/403 of checkAndDecrement, or takes one disruption and records the pod in
    /// <c>status.disruptedPods</c>. A dry run checks without writing.
    /// </summary>
    public static void CheckAndDecrement(FakeObjectStore store, JsonObject pdb, string podName, bool dryRun, TimeProvider clock)
    {
        if (dryRun)
        {
            Check(pdb);
            return;
        }
        store.Modify(Pdbs, Meta.Namespace(pdb), Meta.Name(pdb)!, current =>
        {
            // Re-checked on the latest copy under the store's lock, as the real server retries on conflict.
            Check(current);
            Decrement(current, podName, clock);
            return current;
        }, UpdateScope.Status);
    }

    private static void Check(JsonObject pdb)
    {
        var name = Meta.Name(pdb) ?? "";
        var status = pdb["status"];
        if (JsonNumbers.Long(status, "observedGeneration") < Meta.Generation(pdb))
        {
            throw EvictionErrors.BudgetBeingProcessed(name);
        }
        var allowed = JsonNumbers.Long(status, "disruptionsAllowed");
        if (allowed < 0)
        {
            throw EvictionErrors.NegativeBudget(name);
        }
        if (allowed == 0)
        {
            throw EvictionErrors.BudgetExhausted(name,
                JsonNumbers.Long(status, "desiredHealthy"), JsonNumbers.Long(status, "currentHealthy"));
        }
    }

    private static void Decrement(JsonObject pdb, string podName, TimeProvider clock)
    {
        var status = pdb["status"]!.AsObject();
        var allowed = JsonNumbers.Long(status, "disruptionsAllowed") - 1;
        status["disruptionsAllowed"] = allowed;
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (allowed == 0)
        {
            BudgetConditions.MarkInsufficient(status, now);
        }
        if (status["disruptedPods"] is not JsonObject disrupted)
        {
            disrupted = [];
            status["disruptedPods"] = disrupted;
        }
        // Tells the PDB controller this pod is about to go, so it stops counting it as available.
        disrupted[podName] = now;
    }
}
