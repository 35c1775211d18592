using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// The pod metadata and spec a check reads (a pod's own, or a workload's pod template), with the accessors every
/// check needs. Containers come as policy/visitor.go visitContainers visits them: init, regular, ephemeral.
/// </summary>
internal sealed class PodUnderReview(JsonObject? metadata, JsonObject spec)
{
    public JsonObject Spec => spec;

    public JsonObject? PodSecurityContext => spec["securityContext"] as JsonObject;

    public IEnumerable<KeyValuePair<string, string>> Annotations =>
        (metadata?["annotations"] as JsonObject ?? []).Where(a => a.Value is JsonValue)
            .Select(a => KeyValuePair.Create(a.Key, a.Value!.ToString()));

    public IEnumerable<JsonObject> Containers =>
        new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(list => (spec[list] as JsonArray ?? []).OfType<JsonObject>());

    public IEnumerable<JsonObject> Volumes => (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>Windows pods are exempt from the Linux-only restricted checks since 1.25 (spec.os.name).</summary>
    public bool IsWindows => Meta.String(spec["os"], "name") == "windows";

    public static string Name(JsonObject container) => Meta.String(container, "name") ?? "";

    public static JsonObject? SecurityContext(JsonObject container) => container["securityContext"] as JsonObject;

    /// <summary>A boolean field: null when absent (Go's nil pointer), else its value.</summary>
    public static bool? Bool(JsonNode? owner, string key) =>
        owner is JsonObject o && o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    public static long? Long(JsonNode? owner, string key) =>
        owner is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static IEnumerable<string> Strings(JsonNode? owner, string key) =>
        (owner?[key] as JsonArray ?? []).OfType<JsonValue>().Select(v => v.ToString());
}
