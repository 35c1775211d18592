using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The Node object a simulated kubelet registers and keeps up to date (kubelet <c>kubelet_node_status.go</c>):
/// well-known labels, capacity = allocatable, addresses, the kubelet endpoint port, node info and conditions.
/// </summary>
internal static class NodeObject
{
    /// <summary>The node's status when its kubelet stops posting (node lifecycle controller).</summary>
    private const string UnknownReason = "NodeStatusUnknown";

    private static readonly (string Type, string Reason, string Message)[] PressureConditions =
    [
        ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    ];

    public static JsonObject Build(string name, SimulatedNodeOptions options, string internalIP, int kubeletPort, DateTimeOffset now)
    {
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
        };
        foreach (var (key, value) in options.Labels)
        {
            labels[key] = value;
        }
        return new JsonObject
        {
            ["kind"] = "Node",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = new JsonObject(),
            ["status"] = Status(name, options, internalIP, kubeletPort, now),
        };
    }

    /// <summary>
    /// The conditions of a node whose kubelet posts status (<paramref name="posting"/>: all healthy, Ready True) or has
    /// stopped (all Unknown, "Kubelet stopped posting node status.", as the node lifecycle controller writes them).
    /// </summary>
    public static JsonArray Conditions(bool posting, JsonArray? previous, DateTimeOffset now)
    {
        var conditions = new JsonArray();
        foreach (var (type, reason, message) in PressureConditions.Append(("Ready", "KubeletReady", "kubelet is posting ready status")))
        {
            var status = posting ? (type == "Ready" ? "True" : "False") : "Unknown";
            var before = previous?.OfType<JsonObject>().FirstOrDefault(c => Meta.String(c, "type") == type);
            var unchanged = before is not null && Meta.String(before, "status") == status;
            conditions.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = status,
                // A stopped kubelet posts nothing: the last heartbeat stays where it was.
                ["lastHeartbeatTime"] = posting || before is null ? CreateDefaults.Rfc3339(now) : before["lastHeartbeatTime"]?.DeepClone(),
                ["lastTransitionTime"] = unchanged ? before!["lastTransitionTime"]?.DeepClone() : CreateDefaults.Rfc3339(now),
                ["reason"] = posting ? reason : UnknownReason,
                ["message"] = posting ? message : "Kubelet stopped posting node status.",
            });
        }
        return conditions;
    }

    private static JsonObject Status(string name, SimulatedNodeOptions options, string internalIP, int kubeletPort, DateTimeOffset now)
    {
        JsonObject Resources() => new()
        {
            ["cpu"] = options.Cpu,
            ["memory"] = options.Memory,
            ["pods"] = options.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ephemeral-storage"] = "100Gi",
        };
        return new JsonObject
        {
            ["capacity"] = Resources(),
            ["allocatable"] = Resources(),
            ["conditions"] = Conditions(posting: true, previous: null, now),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = internalIP },
                new JsonObject { ["type"] = "Hostname", ["address"] = name }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = kubeletPort } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = Guid.NewGuid().ToString("N"),
                ["systemUUID"] = Guid.NewGuid().ToString(),
                ["bootID"] = Guid.NewGuid().ToString(),
                ["kernelVersion"] = "6.12.0-simulated",
                ["osImage"] = "Interceptor simulated node",
                ["containerRuntimeVersion"] = "cri-o://1.34.0",
                ["kubeletVersion"] = "v1.34.0",
                ["kubeProxyVersion"] = "v1.34.0",
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
            },
        };
    }
}
