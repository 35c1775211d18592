using System.Globalization;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>
/// Integer members of raw JSON, read from their text: a node built in code holds an int and one parsed
/// from a request a JsonElement, and only the text reads the same for both.
/// </summary>
internal static class JsonNumbers
{
    public static long Long(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue value
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;
}
