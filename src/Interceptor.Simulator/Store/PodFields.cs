using System.Globalization;
using System.Text.Json.Nodes;
namespace Interceptor.Simulator.Store;

/// <summary>Reads pod fields from the raw JSON the store keeps: one reader for the kubelets, controllers and scheduler.</summary>
internal static class PodFields
{
    public static string? NodeName(JsonObject pod) => Meta.String(pod["spec"], "nodeName");

    public static IReadOnlyList<(string Name, string Image)> Containers(JsonObject pod) =>
        pod["spec"]?["containers"] is JsonArray containers
            ? [.. containers.OfType<JsonObject>().Select(c => (Meta.String(c, "name") ?? "", Meta.String(c, "image") ?? ""))]
            : [];

    /// <summary>spec.readinessGates[].conditionType.</summary>
    public static IReadOnlyList<string> ReadinessGates(JsonObject pod) =>
        pod["spec"]?["readinessGates"] is JsonArray gates
            ? [.. gates.OfType<JsonObject>().Select(g => Meta.String(g, "conditionType")).OfType<string>()]
            : [];

    public static JsonObject? Condition(JsonObject pod, string type) =>
        pod["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => Meta.String(c, "type") == type)
            : null;

    public static string? Phase(JsonObject pod) => Meta.String(pod["status"], "phase");

    public static DateTimeOffset? DeletionTimestamp(JsonObject pod) => Time(Meta.String(pod["metadata"], "deletionTimestamp"));

    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>A whole-number member (JSON number), however the node was built.</summary>
    public static long? Integer(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v &&
        long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
