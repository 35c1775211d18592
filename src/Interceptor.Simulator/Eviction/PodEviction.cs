using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// What kube-apiserver pkg/registry/core/pod/storage/eviction.go (EvictionREST.Create) does once admission has
/// passed: a pod that is not running (Pending, Succeeded, Failed or already terminating) is deleted at once;
/// otherwise its PDB decides, honouring <c>spec.unhealthyPodEvictionPolicy</c> for an unready pod; the pod then
/// gets the <c>DisruptionTarget</c> condition and is deleted (addConditionAndDeletePod).
/// </summary>
internal sealed class PodEviction(FakeObjectStore store, TimeProvider clock)
{
    private static ResourceType Pods => BuiltinResources.Pods;

    public void Evict(string ns, string name, EvictionRequest eviction)
    {
        var pod = store.Get(Pods, ns, name);
        var original = Preconditions.FromDeleteOptions(eviction.DeleteOptions);
        if (CanIgnoreBudgets(pod))
        {
            // shouldEnforceResourceVersion: a Pending pod is deleted only as it was read, so it cannot turn Ready meanwhile.
            var pinned = IsTerminal(pod) || original?.ResourceVersion is not null ? original : Pin(original, pod);
            DeleteWithCondition(ns, name, eviction, pinned);
            return;
        }
        var budgets = DisruptionBudgets.Covering(store, pod);
        if (budgets.Count > 1)
        {
            throw EvictionErrors.MoreThanOneBudget();
        }
        if (budgets.Count == 1 && UnhealthyMayGo(pod, budgets[0]))
        {
            EvictUnhealthy(ns, name, eviction, pod, budgets[0], original);
            return;
        }
        if (budgets.Count == 1)
        {
            DisruptionBudgets.CheckAndDecrement(store, budgets[0], name, eviction.DryRun, clock);
        }
        DeleteWithCondition(ns, name, eviction, original);
    }

    /// <summary>canIgnorePDB: a pod that is not running has caused its disruption already.</summary>
    private static bool CanIgnoreBudgets(JsonObject pod) =>
        Meta.String(pod["status"], "phase") == "Pending" || IsTerminal(pod);

    /// <summary>Succeeded, Failed or terminating: no resourceVersion is enforced on its deletion.</summary>
    private static bool IsTerminal(JsonObject pod) =>
        Meta.String(pod["status"], "phase") is "Succeeded" or "Failed"
        || Meta.String(pod["metadata"], "deletionTimestamp") is not null;

    /// <summary>
    /// An unready pod does not count as healthy: with <c>AlwaysAllow</c> it may always go; with <c>IfHealthyBudget</c>
    /// (the default) only while the budget is met (currentHealthy &gt;= desiredHealthy &gt; 0). Either way nothing is spent.
    /// Otherwise checkAndDecrement decides, and refuses while no disruption is allowed.
    /// </summary>
    private static bool UnhealthyMayGo(JsonObject pod, JsonObject pdb)
    {
        if (Controllers.PodConditions.IsReady(pod))
        {
            return false;
        }
        if (Meta.String(pdb["spec"], "unhealthyPodEvictionPolicy") == "AlwaysAllow")
        {
            return true;
        }
        var status = pdb["status"];
        var desired = JsonNumbers.Long(status, "desiredHealthy");
        return JsonNumbers.Long(status, "currentHealthy") >= desired && desired > 0;
    }

    /// <summary>
    /// updateDeletionOptions: the deletion is pinned to the resourceVersion the decision was made on, so a pod that
    /// turned Ready meanwhile is not lost; that conflict becomes the 429 "still being processed" (unless the client
    /// gave its own resourceVersion, whose conflict it gets back as is).
    /// </summary>
    private void EvictUnhealthy(string ns, string name, EvictionRequest eviction, JsonObject pod, JsonObject pdb, Preconditions? original)
    {
        try
        {
            DeleteWithCondition(ns, name, eviction, Pin(original, pod));
        }
        catch (ApiStatusException e) when (e.Code == 409 && original?.ResourceVersion is null)
        {
            throw EvictionErrors.BudgetBeingProcessed(Meta.Name(pdb)!);
        }
    }

    private static Preconditions Pin(Preconditions? original, JsonObject pod) => new(original?.Uid, Meta.ResourceVersion(pod));

    /// <summary>
    /// addConditionAndDeletePod: unless dry-run, the latest pod (checked against the preconditions) gets
    /// DisruptionTarget=True, reason EvictionByEvictionAPI, then it is deleted; a resourceVersion precondition moves to
    /// the version that update wrote. A dry run checks the preconditions and changes nothing.
    /// </summary>
    private void DeleteWithCondition(string ns, string name, EvictionRequest eviction, Preconditions? preconditions)
    {
        if (eviction.DryRun)
        {
            preconditions?.Check(Pods, store.Get(Pods, ns, name));
            return;
        }
        var updated = store.Modify(Pods, ns, name, current =>
        {
            preconditions?.Check(Pods, current);
            Controllers.PodConditions.Set(current, "DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting", clock.GetUtcNow());
            return current;
        }, UpdateScope.Status);
        var bumped = preconditions?.ResourceVersion is null ? preconditions : preconditions with { ResourceVersion = Meta.ResourceVersion(updated) };
        store.Delete(Pods, ns, name, bumped, eviction.DeleteOptions);
    }
}
