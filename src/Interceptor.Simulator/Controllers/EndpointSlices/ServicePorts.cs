using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.EndpointSlices;

/// <summary>
/// The ports of a pod's endpoints (staging/src/k8s.io/endpointslice/utils.go getEndpointPorts): every Service
/// port whose targetPort resolves on this pod (pkg/api/v1/pod FindPort), so pods naming their ports differently
/// land in different slices.
/// </summary>
internal static class ServicePorts
{
    public static JsonArray For(JsonObject service, JsonObject pod)
    {
        var ports = new JsonArray();
        foreach (var port in service["spec"]?["ports"] as JsonArray ?? [])
        {
            if (port is JsonObject servicePort && FindPort(pod, servicePort) is { } number)
            {
                ports.Add(new JsonObject
                {
                    ["name"] = Meta.String(servicePort, "name") ?? "",
                    ["protocol"] = Protocol(servicePort),
                    ["port"] = number,
                });
            }
        }
        return ports;
    }

    /// <summary>
    /// FindPort: a numeric targetPort is the port; a named one is the container port of that name and protocol,
    /// or no port at all (the pod gets no endpoint ports for it). An unset targetPort defaults to the port (defaults.go).
    /// </summary>
    private static long? FindPort(JsonObject pod, JsonObject servicePort)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target is not JsonValue value)
        {
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        }
        var name = value.GetValue<string>();
        var containerPorts = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>());
        var match = containerPorts.FirstOrDefault(p => Meta.String(p, "name") == name && Protocol(p) == Protocol(servicePort));
        return match is null ? null : JsonNumbers.Long(match, "containerPort");
    }

    private static string Protocol(JsonObject port) => Meta.String(port, "protocol") ?? "TCP";
}
