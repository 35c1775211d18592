using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// What the replicaset, deployment and statefulset controllers share: they watch their own kind and the kind they
/// own, map a dependent's event to its owners (<see cref="WorkloadEvents"/>), and every sync reads the owner and
/// its selector and claims the dependents in its namespace before the kind-specific part runs.
/// </summary>
internal abstract class WorkloadController(
    FakeObjectStore store, TimeProvider clock, ILogger logger, ResourceType ownerType, ResourceType dependentType)
    : ControllerLoop(store, clock, logger)
{
    private readonly ControllerRefManager _claims = new(store, ownerType, dependentType);

    protected override IReadOnlyList<ResourceType> Watched => [ownerType, dependentType];

    protected override void OnEvent(WatchEvent e)
    {
        if (e.Resource == ownerType)
        {
            Queue.Add(new ObjectKey(Meta.Namespace(e.Object)!, Meta.Name(e.Object)!));
            return;
        }
        foreach (var owner in WorkloadEvents.OwnersToSync(Store, e, ownerType))
        {
            Queue.Add(owner);
        }
    }

    protected sealed override Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        var owner = ReadsCache ? Cache.TryGet(ownerType, key.Namespace, key.Name) : Store.TryGet(ownerType, key.Namespace, key.Name);
        if (owner is null || WorkloadSelectors.Of(owner) is not { } selector)
        {
            return Task.CompletedTask;
        }
        var dependents = ReadsCache ? Cache.List(dependentType, key.Namespace) : Store.ListShared(dependentType, WorkloadSelectors.InNamespace(key.Namespace)).Items;
        var candidates = dependents.Where(IsCandidate);
        var owned = _claims.Claim(owner, candidates, dependent => selector.Matches(dependent) && IsMember(owner, dependent));
        return SyncOwnedAsync(owner, owned, ct);
    }

    /// <summary>
    /// Whether syncs read the informer cache (<see cref="ControllerLoop.Cache"/>), as upstream controllers do, instead of
    /// the store; only a controller that keeps expectations can afford a cache behind its own writes.
    /// </summary>
    protected virtual bool ReadsCache => false;

    /// <summary>Which dependents are looked at at all (a ReplicaSet: active pods only).</summary>
    protected virtual bool IsCandidate(JsonObject dependent) => true;

    /// <summary>A condition beyond the selector (a StatefulSet: the name is <c>{set}-{ordinal}</c>).</summary>
    protected virtual bool IsMember(JsonObject owner, JsonObject dependent) => true;

    /// <summary>The kind-specific part: <paramref name="owned"/> are the dependents the owner keeps or just adopted.</summary>
    protected abstract Task SyncOwnedAsync(JsonObject owner, List<JsonObject> owned, CancellationToken ct);
}
