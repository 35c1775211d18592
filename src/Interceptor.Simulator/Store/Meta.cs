using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>Reads and writes <c>metadata</c> fields of a raw JSON object.</summary>
public static class Meta
{
    /// <summary>The metadata object, created when absent so writers need no null checks.</summary>
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? Name(JsonObject obj) => String(obj["metadata"], "name");

    public static string? Namespace(JsonObject obj) => String(obj["metadata"], "namespace");

    public static string? Uid(JsonObject obj) => String(obj["metadata"], "uid");

    public static string? ResourceVersion(JsonObject obj) => String(obj["metadata"], "resourceVersion");

    public static string? GenerateName(JsonObject obj) => String(obj["metadata"], "generateName");

    /// <summary>
    /// metadata.generation. Parsed from its JSON text because a node built in code holds an int and
    /// one parsed from a request holds a JsonElement, and TryGetValue&lt;long&gt; only accepts the latter.
    /// </summary>
    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
        long.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;

    public static string? Label(JsonObject obj, string key) => String(obj["metadata"]?["labels"], key);

    public static bool HasLabel(JsonObject obj, string key) =>
        obj["metadata"]?["labels"] is JsonObject labels && labels.ContainsKey(key);

    /// <summary>Sets kind and apiVersion as the first members, where the real server writes them.</summary>
    public static void SetTypeMeta(JsonObject obj, string apiVersion, string kind)
    {
        obj.Remove("kind");
        obj.Remove("apiVersion");
        obj.Insert(0, "kind", kind);
        obj.Insert(1, "apiVersion", apiVersion);
    }

    public static void SetResourceVersion(JsonObject obj, long resourceVersion) =>
        Of(obj)["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A string member of <paramref name="node"/>, or null when absent or not a string.</summary>
    public static string? String(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;
}
