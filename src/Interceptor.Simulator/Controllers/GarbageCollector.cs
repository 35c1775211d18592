using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// Background cascading deletion (pkg/controller/garbagecollector), for the owners the simulated controllers
/// know: when a Deployment, ReplicaSet or StatefulSet is deleted, every object in its namespace whose owner
/// references name it, and no other owner, is deleted in turn (a Deployment's ReplicaSets, then their pods).
/// </summary>
/// <remarks>
/// Keys here are (namespace, owner uid). Not simulated: foreground and orphan propagation (a delete's
/// propagationPolicy is not read), owners of other kinds, and dependents with several owners (left alone).
/// </remarks>
internal sealed class GarbageCollector(FakeObjectStore store, TimeProvider clock, ILogger logger) : ControllerLoop(store, clock, logger)
{
    private static readonly ResourceType[] Dependents = [BuiltinResources.ReplicaSets, BuiltinResources.Pods];

    protected override IReadOnlyList<ResourceType> Watched =>
        [BuiltinResources.Deployments, BuiltinResources.ReplicaSets, BuiltinResources.StatefulSets];

    protected override void OnEvent(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            Queue.Add(new ObjectKey(Meta.Namespace(e.Object)!, Meta.Uid(e.Object)!));
        }
    }

    /// <summary>
    /// Keys are owner uids, which a list of the owners cannot give back: after a watch fell behind, queue the uid of
    /// every owner that dependents still name but that no longer exists, as the real collector's graph rebuild finds them.
    /// </summary>
    protected override void Resync()
    {
        var living = Watched.SelectMany(type => Store.ListShared(type, ObjectFilter.Everything).Items)
            .Select(owner => Meta.Uid(owner)).ToHashSet();
        var ownerKinds = Watched.Select(type => type.Kind).ToHashSet();
        foreach (var dependent in Dependents.SelectMany(type => Store.ListShared(type, ObjectFilter.Everything).Items))
        {
            foreach (var owner in OwnerReferences.All(dependent).Where(r => ownerKinds.Contains(Meta.String(r, "kind") ?? "")))
            {
                if (Meta.String(owner, "uid") is { } uid && !living.Contains(uid))
                {
                    Queue.Add(new ObjectKey(Meta.Namespace(dependent)!, uid));
                }
            }
        }
    }

    protected override Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        foreach (var type in Dependents)
        {
            var orphaned = Store.ListShared(type, WorkloadSelectors.InNamespace(key.Namespace)).Items
                .Where(d => OwnerReferences.All(d).Select(r => Meta.String(r, "uid")).SequenceEqual([key.Name]))
                .ToList();
            foreach (var dependent in orphaned)
            {
                WorkloadStatus.DeleteIgnoringGone(Store, type, dependent);
            }
        }
        return Task.CompletedTask;
    }
}
