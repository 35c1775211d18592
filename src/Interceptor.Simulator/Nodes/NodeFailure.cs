using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// What the control plane does to the pods of a node whose kubelet is gone (<see cref="NodeFailurePodPolicy"/>):
/// nothing, mark them not ready (node lifecycle controller), or force-delete them (pod garbage collection).
/// </summary>
internal static class NodeFailure
{
    public static void Apply(FakeObjectStore store, string node, NodeFailurePodPolicy policy, DateTimeOffset now)
    {
        if (policy == NodeFailurePodPolicy.Keep)
        {
            return;
        }
        foreach (var pod in store.List(BuiltinResources.Pods).Items.Where(p => PodFields.NodeName(p) == node))
        {
            var (ns, name) = (Meta.Namespace(pod), Meta.Name(pod)!);
            try
            {
                if (policy == NodeFailurePodPolicy.Delete)
                {
                    store.Delete(BuiltinResources.Pods, ns, name, new Preconditions(Meta.Uid(pod), null), new JsonObject { ["gracePeriodSeconds"] = 0 });
                }
                else
                {
                    store.Modify(BuiltinResources.Pods, ns, name, current => MarkNotReady(current, now), UpdateScope.Status);
                }
            }
            catch (ApiStatusException gone) when (gone.Code is 404 or 409)
            {
                // Deleted or replaced meanwhile: nothing left to do for it.
            }
        }
    }

    /// <summary>MarkPodsNotReady: the Ready condition (and containers' readiness) turns False.</summary>
    private static JsonObject MarkNotReady(JsonObject pod, DateTimeOffset now)
    {
        if (PodFields.Condition(pod, PodConditions.Ready) is { } ready && Meta.String(ready, "status") != "False")
        {
            ready["status"] = "False";
            ready["lastTransitionTime"] = CreateDefaults.Rfc3339(now);
        }
        foreach (var status in (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            status["ready"] = false;
        }
        return pod;
    }
}
