using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.EndpointSlices;

/// <summary>The labels that tie a slice to its Service and to this controller (k8s.io/api/discovery/v1 well_known_labels.go).</summary>
internal static class EndpointSliceLabels
{
    public const string ServiceName = "kubernetes.io/service-name";
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";
    public const string ControllerName = "endpointslice-controller.k8s.io";

    /// <summary>core/v1 well_known_labels.go IsHeadlessService: set on the slices of a Service with clusterIP None.</summary>
    private const string Headless = "service.kubernetes.io/headless";

    /// <summary>
    /// setEndpointSliceLabels (staging/src/k8s.io/endpointslice/utils.go): the Service's own labels, except the
    /// reserved ones, then the headless marker and the two reserved labels, which always win.
    /// </summary>
    public static JsonObject For(JsonObject service)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in service["metadata"]?["labels"] as JsonObject ?? [])
        {
            if (key is not (ServiceName or ManagedBy or Headless))
            {
                labels[key] = value?.DeepClone();
            }
        }
        if (Meta.String(service["spec"], "clusterIP") == "None")
        {
            labels[Headless] = "";
        }
        labels[ServiceName] = Meta.Name(service);
        labels[ManagedBy] = ControllerName;
        return labels;
    }

    /// <summary>The slices this controller keeps for one Service.</summary>
    public static ObjectFilter Managed(string ns, string service) =>
        new(ns, LabelSelector.Parse($"{ServiceName}={service},{ManagedBy}={ControllerName}"), FieldSelector.Everything);

    /// <summary>Whether a slice is this controller's (others' slices for the same Service are left alone, as upstream).</summary>
    public static bool IsManaged(JsonObject slice) => Meta.Label(slice, ManagedBy) == ControllerName;
}
