using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// What eviction.go does once admission has passed: fetch the pod, delete it at once when it is not
/// running (Pending, Succeeded, Failed or already terminating), otherwise consult its PDB first.
/// </summary>
internal sealed class PodEviction(FakeObjectStore store, TimeProvider clock)
{
    private static ResourceType Pods => BuiltinResources.Pods;

    public void Evict(string ns, string name, EvictionRequest eviction)
    {
        var pod = store.Get(Pods, ns, name);
        if (!CanIgnoreBudgets(pod))
        {
            var budgets = DisruptionBudgets.Covering(store, pod);
            if (budgets.Count > 1)
            {
                throw EvictionErrors.MoreThanOneBudget();
            }
            if (budgets.Count == 1 && !SkipsDecrement(pod, budgets[0]))
            {
                DisruptionBudgets.CheckAndDecrement(store, budgets[0], name, eviction.DryRun, clock);
            }
        }
        Delete(ns, name, eviction);
    }

    /// <summary>canIgnorePDB: a pod that is not running has caused its disruption already.</summary>
    private static bool CanIgnoreBudgets(JsonObject pod) =>
        Meta.String(pod["status"], "phase") is "Pending" or "Succeeded" or "Failed"
        || Meta.String(pod["metadata"], "deletionTimestamp") is not null;

    /// <summary>An unready pod does not count as healthy, so evicting it spends nothing while the budget is met.</summary>
    private static bool SkipsDecrement(JsonObject pod, JsonObject pdb)
    {
        var status = pdb["status"];
        var desired = JsonNumbers.Long(status, "desiredHealthy");
        return !IsReady(pod) && JsonNumbers.Long(status, "currentHealthy") >= desired && desired > 0;
    }

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? [])
            .Any(c => Meta.String(c, "type") == "Ready" && Meta.String(c, "status") == "True");

    /// <summary>A dry run checks the preconditions and changes nothing; otherwise the deletion hook decides grace.</summary>
    private void Delete(string ns, string name, EvictionRequest eviction)
    {
        var preconditions = Preconditions.FromDeleteOptions(eviction.DeleteOptions);
        if (eviction.DryRun)
        {
            preconditions?.Check(Pods, store.Get(Pods, ns, name));
            return;
        }
        store.Delete(Pods, ns, name, preconditions, eviction.DeleteOptions);
    }
}
