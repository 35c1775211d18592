using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.EndpointSlices;

/// <summary>
/// One pod as an EndpointSlice endpoint, as upstream staging/src/k8s.io/endpointslice/utils.go podToEndpoint and
/// util/controller_utils.go ShouldPodBeInEndpoints build it (the endpointslice controller of pkg/controller/endpointslice).
/// </summary>
internal static class PodEndpoints
{
    /// <summary>
    /// ShouldPodBeInEndpoints(pod, includeTerminating: true): terminal pods and pods without an IP are left out;
    /// terminating pods stay, with <c>terminating: true</c>, so that clients can drain them.
    /// </summary>
    public static bool Belongs(JsonObject pod) =>
        PodConditions.Phase(pod) is not ("Succeeded" or "Failed") && Ipv4Addresses(pod).Count > 0;

    /// <summary>
    /// podToEndpoint: <c>serving</c> is podutil.IsPodReady (the Ready condition, which the kubelet keeps False
    /// while a readiness gate is not True), <c>terminating</c> is a deletionTimestamp, and <c>ready</c> is serving
    /// and not terminating, unless the Service publishes not-ready addresses.
    /// </summary>
    public static JsonObject Build(JsonObject pod, JsonObject service)
    {
        var serving = PodConditions.IsReady(pod);
        var terminating = PodConditions.IsTerminating(pod);
        var publishNotReady = service["spec"]?["publishNotReadyAddresses"] is JsonValue v && v.ToJsonString() == "true";
        var endpoint = new JsonObject
        {
            ["addresses"] = new JsonArray([.. Ipv4Addresses(pod).Select(ip => (JsonNode)JsonValue.Create(ip))]),
            ["conditions"] = new JsonObject
            {
                ["ready"] = publishNotReady || (serving && !terminating),
                ["serving"] = serving,
                ["terminating"] = terminating,
            },
            ["targetRef"] = new JsonObject
            {
                ["kind"] = "Pod",
                ["namespace"] = Meta.Namespace(pod),
                ["name"] = Meta.Name(pod),
                ["uid"] = Meta.Uid(pod),
            },
        };
        if (PodFields.NodeName(pod) is { Length: > 0 } node)
        {
            endpoint["nodeName"] = node;
        }
        // utils.go: the hostname is published when the pod's subdomain names this Service.
        if (Meta.String(pod["spec"], "hostname") is { Length: > 0 } hostname && Meta.String(pod["spec"], "subdomain") == Meta.Name(service))
        {
            endpoint["hostname"] = hostname;
        }
        return endpoint;
    }

    /// <summary>getEndpointAddresses for addressType IPv4: the pod's IPv4 addresses from status.podIPs (or podIP).</summary>
    private static List<string> Ipv4Addresses(JsonObject pod)
    {
        var ips = pod["status"]?["podIPs"] is JsonArray list
            ? list.OfType<JsonObject>().Select(ip => Meta.String(ip, "ip")).OfType<string>().ToList()
            : [];
        if (ips.Count == 0 && Meta.String(pod["status"], "podIP") is { Length: > 0 } single)
        {
            ips.Add(single);
        }
        return [.. ips.Where(ip => !ip.Contains(':'))];
    }
}
