using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Protobuf;

namespace Interceptor.Simulator.Http;

/// <summary>
/// Reads request bodies as JSON (protobuf bodies converted to it), turning malformed input into the real server's 400.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body as a JSON object; 400 BadRequest when it is not one.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadNodeAsync(context) as JsonObject
            ?? throw StatusErrors.BadRequest("the request body must be a JSON object");

    /// <summary>Any JSON value, or null for an empty body.</summary>
    public static async Task<JsonNode?> ReadNodeAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
        }
        if (MediaType(context) == KubernetesProtobuf.MediaType)
        {
            return KubernetesProtobuf.ToJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        try
        {
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>The media type without parameters (<c>; charset=utf-8</c>), lower case.</summary>
    public static string? MediaType(HttpContext context) =>
        MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed)
            ? parsed.MediaType?.ToLowerInvariant()
            : null;
}
