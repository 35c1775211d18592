using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// The OpenAPI type of a decoded JSON value, as go-openapi's type validator names it: a whole number decodes to
/// int64 in unstructured objects and is an "integer"; one with a fraction is a "number".
/// </summary>
internal static class JsonKinds
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => value.TryGetValue<long>(out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) ? number : null;
}
