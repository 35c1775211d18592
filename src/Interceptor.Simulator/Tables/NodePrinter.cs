using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// printers.go <c>printNode</c>: STATUS is Ready/NotReady/Unknown plus SchedulingDisabled when cordoned, ROLES from
/// <c>node-role.kubernetes.io/*</c> and <c>kubernetes.io/role</c> labels, VERSION the kubelet's; wide adds addresses
/// and node info.
/// </summary>
internal sealed class NodePrinter : ITablePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        TableColumn.AgeColumn,
        new("Version", "string", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses", Priority: 1),
        new("External-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses", Priority: 1),
        new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", Priority: 1),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", Priority: 1),
        new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject node, DateTimeOffset now) =>
    [
        ObjectFields.Name(node),
        Status(node),
        Roles(node),
        HumanDuration.Since(ObjectFields.String(node, "metadata", "creationTimestamp"), now),
        ObjectFields.String(node, "status", "nodeInfo", "kubeletVersion") ?? "",
        Address(node, "InternalIP"),
        Address(node, "ExternalIP"),
        Unknown(ObjectFields.String(node, "status", "nodeInfo", "osImage")),
        Unknown(ObjectFields.String(node, "status", "nodeInfo", "kernelVersion")),
        Unknown(ObjectFields.String(node, "status", "nodeInfo", "containerRuntimeVersion")),
    ];

    private static string Status(JsonObject node)
    {
        // The last Ready condition wins, as printNode's map keyed by type keeps the last one.
        var ready = ObjectFields.Objects(node, "status", "conditions").LastOrDefault(c => ObjectFields.String(c, "type") == "Ready");
        var status = new List<string> { ready is null ? "Unknown" : ObjectFields.String(ready, "status") == "True" ? "Ready" : "NotReady" };
        if (ObjectFields.Bool(node, "spec", "unschedulable"))
        {
            status.Add("SchedulingDisabled");
        }
        return string.Join(',', status);
    }

    private static string Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (ObjectFields.At(node, "metadata", "labels") is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
                {
                    roles.Add(key[RolePrefix.Length..]);
                }
                else if (key == "kubernetes.io/role" && value?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && value.GetValue<string>() is { Length: > 0 } role)
                {
                    roles.Add(role);
                }
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(JsonObject node, string type) =>
        ObjectFields.Objects(node, "status", "addresses")
            .Where(a => ObjectFields.String(a, "type") == type)
            .Select(a => ObjectFields.String(a, "address"))
            .FirstOrDefault() ?? "<none>";

    private static string Unknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
