namespace Interceptor.Simulator.Patching;

/// <summary>
/// Which lists a strategic merge patch merges, and by which key: the <c>patchStrategy:"merge"</c> /
/// <c>patchMergeKey</c> struct tags of k8s.io/api for the lists kubectl and controllers patch. The real server
/// reads them from the Go types (or a CRD's OpenAPI); here they are keyed by the list's field name, which the
/// core types use consistently. Lists not named here (taints, tolerations, args...) are replaced, as the real
/// server does for lists without a strategy; custom resources get these rules too, where the real server
/// rejects strategic merge patches outright.
/// </summary>
internal static class StrategicMergeKeys
{
    private static readonly Dictionary<string, string> ObjectLists = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["conditions"] = "type",
        ["addresses"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["resourceClaims"] = "name",
    };

    /// <summary>Lists of strings merged as sets (metadata.finalizers).</summary>
    private static readonly HashSet<string> PrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>
    /// The merge key of a list of objects, or null to replace it. <c>ports</c> merge by <c>containerPort</c> in a
    /// container and by <c>port</c> in a Service, told apart by which field the items carry.
    /// </summary>
    public static string? ObjectKey(string field, IEnumerable<System.Text.Json.Nodes.JsonObject> items) => field switch
    {
        "ports" => items.Any(i => i.ContainsKey("containerPort")) ? "containerPort" : "port",
        _ => ObjectLists.GetValueOrDefault(field),
    };

    public static bool IsPrimitiveSet(string field) => PrimitiveLists.Contains(field);
}
