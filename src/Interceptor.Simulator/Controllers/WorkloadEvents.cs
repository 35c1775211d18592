using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// Which owners a dependent's event concerns (replica_set.go addPod/updatePod/deletePod, and the same in the
/// deployment and statefulset controllers): the controller named by its controller reference, the previous
/// one when that reference changed, and for an orphan whose labels changed every owner whose selector matches.
/// </summary>
internal static class WorkloadEvents
{
    public static IEnumerable<ObjectKey> OwnersToSync(FakeObjectStore store, WatchEvent e, ResourceType ownerType)
    {
        var obj = e.Object;
        var ns = Meta.Namespace(obj)!;
        var current = OwnerReferences.ControllerOf(obj);
        var previous = e.Previous is null ? null : OwnerReferences.ControllerOf(e.Previous);
        if (previous is not null && Meta.String(previous, "uid") != Meta.String(current, "uid")
            && Meta.String(previous, "kind") == ownerType.Kind)
        {
            yield return new ObjectKey(ns, Meta.String(previous, "name")!);
        }
        if (current is not null)
        {
            if (Meta.String(current, "kind") == ownerType.Kind)
            {
                yield return new ObjectKey(ns, Meta.String(current, "name")!);
            }
            yield break;
        }
        // An orphan: if anything that matters changed, let every matching owner consider adopting it.
        var changed = e.Previous is null || previous is not null
            || !JsonNode.DeepEquals(e.Previous["metadata"]?["labels"], obj["metadata"]?["labels"]);
        if (e.Type == WatchEventType.Deleted || !changed)
        {
            yield break;
        }
        foreach (var owner in store.ListShared(ownerType, WorkloadSelectors.InNamespace(ns)).Items)
        {
            if (WorkloadSelectors.Of(owner)?.Matches(obj) == true)
            {
                yield return new ObjectKey(ns, Meta.Name(owner)!);
            }
        }
    }
}
