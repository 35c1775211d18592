using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Scheduling;

/// <summary>
/// What the pods/binding subresource does (pkg/registry/core/pod/storage BindingREST.assignPod): set
/// spec.nodeName once, refuse a pod that is being deleted or already bound, and mark it PodScheduled.
/// </summary>
/// <remarks>
/// The real registry writes nodeName and the condition in one update; the store's update rules keep status and
/// spec apart, so here they are two writes, nodeName first: a kubelet watching for its pods never sees
/// PodScheduled=True on an unbound pod.
/// </remarks>
internal static class PodBinding
{
    public static void Bind(FakeObjectStore store, string ns, string name, string node, TimeProvider clock)
    {
        store.Modify(BuiltinResources.Pods, ns, name, pod =>
        {
            if (PodConditions.IsTerminating(pod))
            {
                throw Conflict(name, $"pod {name} is being deleted, cannot be assigned to a host");
            }
            if (PodConditions.NodeName(pod) is { Length: > 0 } bound)
            {
                throw Conflict(name, $"pod {name} is already assigned to node \"{bound}\"");
            }
            ((JsonObject)pod["spec"]!)["nodeName"] = node;
            return pod;
        }, UpdateScope.Main);
        store.Modify(BuiltinResources.Pods, ns, name, pod =>
        {
            PodConditions.Set(pod, PodConditions.PodScheduled, "True", null, null, clock.GetUtcNow());
            return pod;
        }, UpdateScope.Status);
    }

    /// <summary>The real answer: <c>Operation cannot be fulfilled on pods/binding "x": ...</c> (409).</summary>
    private static ApiStatusException Conflict(string name, string cause) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": {cause}",
            new StatusDetails(name, "", "pods/binding"));
}
