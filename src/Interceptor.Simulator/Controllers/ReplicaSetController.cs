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
/// As upstream, syncs read the informer cache (whose pod side <see cref="FakeApiServerOptions.ReplicaSetPodInformerLag"/>
/// can put behind the store) and replicas are managed only once the creations and deletions of the previous sync
/// have been observed (<see cref="ControllerExpectations"/>, replica_set.go syncReplicaSet's rsNeedsSync).
/// </remarks>
internal sealed class ReplicaSetController(FakeObjectStore store, CreateAdmission admission, TimeProvider clock, ILogger logger)
    : WorkloadController(store, clock, logger, ReplicaSets, Pods)
{
    /// <summary>replica_set.go BurstReplicas: at most this many creations or deletions per sync.</summary>
    private const int BurstReplicas = 500;

    private static ResourceType ReplicaSets => BuiltinResources.ReplicaSets;

    private readonly ControllerEventSource _events = new("replicaset-controller", BuiltinResources.ReplicaSets, clock);

    private static ResourceType Pods => BuiltinResources.Pods;

    private readonly ControllerExpectations _expectations = new(clock);

    protected override bool ReadsCache => true;

    /// <summary>FilterActivePods: finished and terminating pods are neither claimed nor counted.</summary>
    protected override bool IsCandidate(JsonObject pod) => PodConditions.IsActive(pod);

    /// <summary>replica_set.go addPod/updatePod/deletePod: observe this controller's own creations and deletions first.</summary>
    protected override void OnEvent(WatchEvent e)
    {
        if (e.Resource == ReplicaSets && e.Type == WatchEventType.Deleted)
        {
            _expectations.Forget(KeyOf(e.Object));
        }
        else if (e.Resource == Pods && OwnerReferences.ControllerName(e.Object, ReplicaSets.Kind) is { } owner)
        {
            Observe(e, new ObjectKey(Meta.Namespace(e.Object)!, owner));
        }
        base.OnEvent(e);
    }

    /// <summary>After a relist nothing pending can be trusted to show up as an event (DeleteExpectations on resync).</summary>
    protected override void Resync()
    {
        _expectations.ForgetAll();
        base.Resync();
    }

    protected override async Task SyncOwnedAsync(JsonObject rs, List<JsonObject> pods, CancellationToken ct)
    {
        if (!PodConditions.IsTerminating(rs) && _expectations.Satisfied(KeyOf(rs)))
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
            await CreatePodsAsync(rs, Math.Min(-diff, BurstReplicas), ct);
        }
        else if (diff > 0)
        {
            var key = KeyOf(rs);
            var doomed = ScaleDownRanking.PodsToDelete(pods, RelatedPods(rs), Math.Min(diff, BurstReplicas), Clock.GetUtcNow()).ToList();
            _expectations.ExpectDeletions(key, doomed.Select(PodKey));
            foreach (var pod in doomed.Where(pod => !WorkloadStatus.DeleteIgnoringGone(Store, Pods, pod)))
            {
                // Already gone: no event will tell, so stop waiting for it (manageReplicas on a failed delete).
                _expectations.DeletionObserved(key, PodKey(pod));
            }
        }
    }

    /// <summary>
    /// manageReplicas' creations: expect them all first; a refused create, and every create slowStartBatch skipped
    /// after it, will never be observed, so each lowers the expectation at once.
    /// </summary>
    private async Task CreatePodsAsync(JsonObject rs, int count, CancellationToken ct)
    {
        var key = KeyOf(rs);
        var template = rs["spec"]?["template"] as JsonObject;
        _expectations.ExpectCreations(key, count);
        var attempted = 0;
        try
        {
            await SlowStart.CreateAsync(count, async () =>
            {
                Interlocked.Increment(ref attempted);
                try
                {
                    await FailedCreateEvents.CreateRecordingFailureAsync(
                        () => admission.CreateAsync(Pods, PodTemplates.NewPod(rs, ReplicaSets, template), Meta.Namespace(rs), ControllerUsers.ReplicaSet, ct),
                        Store, _events, rs, FailedCreateEvents.ErrorCreating);
                }
                catch (Exception)
                {
                    _expectations.CreationObserved(key);
                    throw;
                }
            });
        }
        finally
        {
            for (var skipped = count - Volatile.Read(ref attempted); skipped > 0; skipped--)
            {
                _expectations.CreationObserved(key);
            }
        }
    }

    /// <summary>
    /// A pod this controller owns was added (a creation observed) or deleted, or started terminating, which
    /// updatePod treats as its deletion.
    /// </summary>
    private void Observe(WatchEvent e, ObjectKey owner)
    {
        var terminating = PodConditions.IsTerminating(e.Object);
        if (e.Type == WatchEventType.Deleted || (terminating && (e.Previous is null || !PodConditions.IsTerminating(e.Previous))))
        {
            _expectations.DeletionObserved(owner, PodKey(e.Object));
        }
        else if (e.Type == WatchEventType.Added)
        {
            _expectations.CreationObserved(owner);
        }
    }

    private static ObjectKey KeyOf(JsonObject obj) => new(Meta.Namespace(obj)!, Meta.Name(obj)!);

    private static string PodKey(JsonObject pod) => $"{Meta.Namespace(pod)}/{Meta.Name(pod)}";

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
