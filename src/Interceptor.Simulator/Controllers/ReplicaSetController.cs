using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// kube-controller-manager's replicaset controller (pkg/controller/replicaset): claim the active pods in the
/// namespace (adopt matching orphans, release owned pods that stopped matching), create missing pods from the
/// template, delete surplus pods in <see cref="ScaleDownRanking"/> order, then report status.
/// </summary>
/// <remarks>
/// There are no creation/deletion expectations: every sync reads the store itself, which already holds every
/// write this controller made, where the real controller reads an informer cache that may lag its own writes.
/// </remarks>
internal sealed class ReplicaSetController(FakeObjectStore store, CreateAdmission admission, TimeProvider clock, ILogger logger)
    : ControllerLoop(store, clock, logger)
{
    /// <summary>replica_set.go BurstReplicas: at most this many creations or deletions per sync.</summary>
    private const int BurstReplicas = 500;

    private readonly ControllerRefManager _claims = new(store, ReplicaSets, Pods);

    private static ResourceType ReplicaSets => BuiltinResources.ReplicaSets;

    private static ResourceType Pods => BuiltinResources.Pods;

    protected override IReadOnlyList<ResourceType> Watched => [ReplicaSets, Pods];

    protected override void OnEvent(WatchEvent e)
    {
        if (e.Resource == ReplicaSets)
        {
            Queue.Add(new ObjectKey(Meta.Namespace(e.Object)!, Meta.Name(e.Object)!));
            return;
        }
        foreach (var owner in WorkloadEvents.OwnersToSync(Store, e, ReplicaSets))
        {
            Queue.Add(owner);
        }
    }

    protected override async Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        var rs = Store.TryGet(ReplicaSets, key.Namespace, key.Name);
        if (rs is null || WorkloadSelectors.Of(rs) is not { } selector)
        {
            return;
        }
        var active = Store.ListShared(Pods, WorkloadSelectors.InNamespace(key.Namespace)).Items.Where(PodConditions.IsActive).ToList();
        var pods = _claims.Claim(rs, active, selector.Matches);
        if (!PodConditions.IsTerminating(rs))
        {
            await ManageReplicasAsync(rs, pods, active, ct);
        }
        var status = ReplicaSetStatus.Calculate(rs, pods, Clock.GetUtcNow());
        WorkloadStatus.Write(Store, ReplicaSets, rs, status.WriteTo);
        if (status.Ready != status.Available)
        {
            // Pods become available minReadySeconds after Ready without any event: look again then.
            Queue.AddAfter(key, TimeSpan.FromSeconds(JsonNumbers.Long(rs["spec"], "minReadySeconds")), ct);
        }
    }

    private async Task ManageReplicasAsync(JsonObject rs, List<JsonObject> pods, List<JsonObject> active, CancellationToken ct)
    {
        var diff = pods.Count - (int)JsonNumbers.Long(rs["spec"], "replicas");
        if (diff < 0)
        {
            var template = rs["spec"]?["template"] as JsonObject;
            await SlowStart.CreateAsync(Math.Min(-diff, BurstReplicas), () => admission.CreateAsync(
                Pods, PodTemplates.NewPod(rs, ReplicaSets, template), Meta.Namespace(rs), ControllerUsers.ReplicaSet, ct));
        }
        else if (diff > 0)
        {
            var related = RelatedPods(rs, active);
            foreach (var pod in ScaleDownRanking.PodsToDelete(pods, related, Math.Min(diff, BurstReplicas), Clock.GetUtcNow()))
            {
                WorkloadStatus.DeleteIgnoringGone(Store, Pods, pod);
            }
        }
    }

    /// <summary>
    /// getIndirectlyRelatedPods: the active pods of every ReplicaSet sharing this one's controller (a Deployment's
    /// old and new ReplicaSets), so scale-down ranks co-location across the whole rollout.
    /// </summary>
    private List<JsonObject> RelatedPods(JsonObject rs, List<JsonObject> active)
    {
        var related = new HashSet<string> { Meta.Uid(rs)! };
        if (OwnerReferences.ControllerUid(rs) is { } controllerUid)
        {
            related.UnionWith(Store.ListShared(ReplicaSets, WorkloadSelectors.InNamespace(Meta.Namespace(rs)!)).Items
                .Where(other => OwnerReferences.ControllerUid(other) == controllerUid)
                .Select(other => Meta.Uid(other)!));
        }
        return [.. active.Where(p => OwnerReferences.ControllerUid(p) is { } owner && related.Contains(owner))];
    }
}
