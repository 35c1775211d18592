using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers.Disruption;
using Interceptor.Simulator.Eviction;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// kube-controller-manager's disruption controller (pkg/controller/disruption/disruption.go): keyed by PDB; a pod
/// event queues the PDBs matching its new or old labels, a workload event every PDB of its namespace (its scale
/// may be a PDB's expected count). trySync writes currentHealthy, desiredHealthy, expectedPods,
/// disruptionsAllowed, disruptedPods, observedGeneration and the DisruptionAllowed condition; failSafe on error.
/// </summary>
internal sealed class DisruptionController(FakeObjectStore store, TimeProvider clock, ILogger logger)
    : ControllerLoop(store, clock, logger)
{
    private static ResourceType Pdbs => BuiltinResources.PodDisruptionBudgets;

    protected override IReadOnlyList<ResourceType> Watched =>
        [Pdbs, BuiltinResources.Pods, BuiltinResources.ReplicaSets, BuiltinResources.Deployments, BuiltinResources.StatefulSets];

    protected override void OnEvent(WatchEvent e)
    {
        var ns = Meta.Namespace(e.Object)!;
        if (e.Resource == Pdbs)
        {
            Queue.Add(new ObjectKey(ns, Meta.Name(e.Object)!));
            return;
        }
        foreach (var pdb in Store.ListShared(Pdbs, WorkloadSelectors.InNamespace(ns)).Items)
        {
            var selector = Selector(pdb);
            if (e.Resource != BuiltinResources.Pods || selector?.Matches(e.Object) == true || (e.Previous is not null && selector?.Matches(e.Previous) == true))
            {
                Queue.Add(new ObjectKey(ns, Meta.Name(pdb)!));
            }
        }
    }

    protected override Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        if (Store.TryGet(Pdbs, key.Namespace, key.Name) is not { } pdb)
        {
            return Task.CompletedTask;
        }
        var now = Clock.GetUtcNow();
        var stamp = CreateDefaults.Rfc3339(now);
        var pods = Selector(pdb) is { } selector
            ? Store.ListShared(BuiltinResources.Pods, WorkloadSelectors.InNamespace(key.Namespace)).Items.Where(selector.Matches).ToList()
            : [];
        var calculation = BudgetCalculation.For(Store, pdb, pods, now);
        WorkloadStatus.Write(Store, Pdbs, pdb, status => Fill(status, pdb, calculation, stamp));
        if (calculation?.Recheck is { } recheck)
        {
            // disruption.go enqueuePdbForRecheck: an eviction that never became a deletion stops counting then.
            Queue.AddAfter(key, recheck - now + TimeSpan.FromMilliseconds(1), ct);
        }
        return Task.CompletedTask;
    }

    private static void Fill(JsonObject status, JsonObject pdb, BudgetCalculation? calculation, string now)
    {
        status["observedGeneration"] = Meta.Generation(pdb);
        if (calculation is null)
        {
            status["disruptionsAllowed"] = 0;
            BudgetConditions.MarkSyncFailed(status, "found no controllers for the pods of this budget", now);
            return;
        }
        status.Remove("disruptedPods");
        if (calculation.DisruptedPods.Count > 0)
        {
            status["disruptedPods"] = calculation.DisruptedPods.DeepClone();
        }
        status["disruptionsAllowed"] = calculation.DisruptionsAllowed;
        status["currentHealthy"] = calculation.CurrentHealthy;
        status["desiredHealthy"] = calculation.DesiredHealthy;
        status["expectedPods"] = calculation.ExpectedPods;
        BudgetConditions.Update(status, now);
    }

    /// <summary>As the eviction subresource reads it: a missing, empty or invalid selector selects no pod.</summary>
    private static LabelSelector? Selector(JsonObject pdb) =>
        LabelSelectorJson.Parse(pdb["spec"]?["selector"]) is { Requirements.Count: > 0 } selector ? selector : null;
}
