using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

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
    : WorkloadController(store, clock, logger, ReplicaSets, Pods)
{
    /// <summary>replica_set.go BurstReplicas: at most this many creations or deletions per sync.</summary>
    private const int BurstReplicas = 500;

    private static ResourceType ReplicaSets => BuiltinResources.ReplicaSets;

    private readonly ControllerEventSource _events = new("replicaset-controller", BuiltinResources.ReplicaSets, clock);

    private static ResourceType Pods => BuiltinResources.Pods;

    /// <summary>FilterActivePods: finished and terminating pods are neither claimed nor counted.</summary>
    protected override bool IsCandidate(JsonObject pod) => PodConditions.IsActive(pod);

    protected override async Task SyncOwnedAsync(JsonObject rs, List<JsonObject> pods, CancellationToken ct)
    {
        if (!PodConditions.IsTerminating(rs))
        {
            await ManageReplicasAsync(rs, pods, ct);
        }
        var status = ReplicaSetStatus.Calculate(rs, pods, Clock.GetUtcNow());
        WorkloadStatus.Write(Store, ReplicaSets, rs, status.WriteTo);
        if (status.Ready != status.Available)
        {
            // Pods become available minReadySeconds after Ready without any event: look again then.
            var key = new ObjectKey(Meta.Namespace(rs)!, Meta.Name(rs)!);
            Queue.AddAfter(key, TimeSpan.FromSeconds(JsonNumbers.Long(rs["spec"], "minReadySeconds")), ct);
        }
    }

    private async Task ManageReplicasAsync(JsonObject rs, List<JsonObject> pods, CancellationToken ct)
    {
        var diff = pods.Count - (int)JsonNumbers.Long(rs["spec"], "replicas");
        if (diff < 0)
        {
            var template = rs["spec"]?["template"] as JsonObject;
            await SlowStart.CreateAsync(Math.Min(-diff, BurstReplicas), () => FailedCreateEvents.CreateRecordingFailureAsync(
                () => admission.CreateAsync(Pods, PodTemplates.NewPod(rs, ReplicaSets, template), Meta.Namespace(rs), ControllerUsers.ReplicaSet, ct),
                Store, _events, rs, FailedCreateEvents.ErrorCreating));
        }
        else if (diff > 0)
        {
            var related = RelatedPods(rs);
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
    private List<JsonObject> RelatedPods(JsonObject rs)
    {
        var active = Store.ListShared(Pods, WorkloadSelectors.InNamespace(Meta.Namespace(rs)!)).Items.Where(PodConditions.IsActive);
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
