using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.Disruption;

/// <summary>
/// pkg/controller/disruption/disruption.go getExpectedScale: the sum of <c>spec.replicas</c> over the distinct
/// controllers of the PDB's pods, found as the finders do (a ReplicaSet owned by a Deployment counts as the
/// Deployment; a ReplicaSet; a StatefulSet). Pods without a controller are left out (unmanagedPods).
/// </summary>
internal static class ExpectedScale
{
    /// <summary>The expected count, or null when a pod's controller cannot be found (upstream then fails safe).</summary>
    public static long? Of(FakeObjectStore store, IEnumerable<JsonObject> pods)
    {
        var scales = new Dictionary<string, long>();
        foreach (var pod in pods)
        {
            if (OwnerReferences.ControllerOf(pod) is not { } reference)
            {
                continue;
            }
            if (Find(store, Meta.Namespace(pod)!, reference) is not { } controller)
            {
                return null;
            }
            scales[Meta.Uid(controller)!] = JsonNumbers.Long(controller["spec"], "replicas");
        }
        return scales.Values.Sum();
    }

    /// <summary>getPodReplicaSet / getPodDeployment / getPodStatefulSet, with the uid checked as the finders do.</summary>
    private static JsonObject? Find(FakeObjectStore store, string ns, JsonObject reference)
    {
        var type = Meta.String(reference, "kind") switch
        {
            "ReplicaSet" => BuiltinResources.ReplicaSets,
            "StatefulSet" => BuiltinResources.StatefulSets,
            "Deployment" => BuiltinResources.Deployments,
            _ => null,
        };
        var found = type is null ? null : store.TryGet(type, ns, Meta.String(reference, "name")!);
        if (found is null || Meta.Uid(found) != Meta.String(reference, "uid"))
        {
            return null;
        }
        return type == BuiltinResources.ReplicaSets && OwnerReferences.ControllerOf(found) is { } owner
            && Meta.String(owner, "kind") == "Deployment"
            ? Find(store, ns, owner) ?? found
            : found;
    }
}
