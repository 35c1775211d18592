using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.EndpointSlices;

/// <summary>
/// Brings one Service's managed slices in line with its pods (staging/src/k8s.io/endpointslice/reconciler.go
/// reconcile): pods are grouped by their endpoint ports, each group is one slice (an existing slice with those ports
/// is updated in place, else one is created with generateName <c>{service}-</c>), leftover slices are deleted, and a
/// Service without endpoints keeps one empty placeholder slice.
/// </summary>
/// <remarks>
/// Simplified from upstream: address type IPv4 only, no split at maxEndpointsPerSlice (100), no topology hints,
/// no zone (nodes carry no topology labels here). Endpoints are sorted by pod name so rewrites are no-ops.
/// </remarks>
internal sealed class EndpointSliceReconciler(FakeObjectStore store)
{
    private static ResourceType Slices => BuiltinResources.EndpointSlices;

    public void Reconcile(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var ns = Meta.Namespace(service)!;
        var desired = pods.Where(PodEndpoints.Belongs)
            .OrderBy(Meta.Name, StringComparer.Ordinal)
            .GroupBy(pod => ServicePorts.For(service, pod).ToJsonString())
            .ToDictionary(g => g.Key, g => new JsonArray([.. g.Select(pod => (JsonNode)PodEndpoints.Build(pod, service))]));
        if (desired.Count == 0)
        {
            desired["[]"] = [];
        }
        var existing = store.ListShared(Slices, EndpointSliceLabels.Managed(ns, Meta.Name(service)!)).Items.ToList();
        foreach (var (ports, endpoints) in desired)
        {
            var reused = existing.FirstOrDefault(s => (s["ports"] ?? new JsonArray()).ToJsonString() == ports);
            if (reused is null)
            {
                store.Create(Slices, NewSlice(service, ports, endpoints), ns);
                continue;
            }
            existing.Remove(reused);
            Rewrite(service, reused, endpoints);
        }
        foreach (var stale in existing)
        {
            WorkloadStatus.DeleteIgnoringGone(store, Slices, stale);
        }
    }

    /// <summary>The Service is gone: upstream leaves its slices to the garbage collector, which here follows no Service owners.</summary>
    public void Forget(string ns, string service)
    {
        foreach (var slice in store.ListShared(Slices, EndpointSliceLabels.Managed(ns, service)).Items)
        {
            WorkloadStatus.DeleteIgnoringGone(store, Slices, slice);
        }
    }

    /// <summary>newEndpointSlice: owned by the Service (controller reference), labelled, addressType IPv4.</summary>
    private static JsonObject NewSlice(JsonObject service, string ports, JsonArray endpoints) => new()
    {
        ["apiVersion"] = Slices.ApiVersion,
        ["kind"] = Slices.Kind,
        ["metadata"] = new JsonObject
        {
            ["generateName"] = $"{Meta.Name(service)}-",
            ["labels"] = EndpointSliceLabels.For(service),
            ["ownerReferences"] = new JsonArray(OwnerReferences.NewControllerRef(service, BuiltinResources.Services)),
        },
        ["addressType"] = "IPv4",
        ["endpoints"] = endpoints,
        ["ports"] = JsonNode.Parse(ports),
    };

    /// <summary>An update that changes nothing is skipped by the store: no new resourceVersion, no watch event.</summary>
    private void Rewrite(JsonObject service, JsonObject slice, JsonArray endpoints)
    {
        try
        {
            store.Modify(Slices, Meta.Namespace(slice), Meta.Name(slice)!, current =>
            {
                current["metadata"]!["labels"] = EndpointSliceLabels.For(service);
                current["endpoints"] = endpoints.DeepClone();
                return current;
            }, UpdateScope.Main);
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            // Deleted meanwhile: the slice's deletion event queues the Service again.
        }
    }
}
