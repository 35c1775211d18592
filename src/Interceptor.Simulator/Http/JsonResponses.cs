using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Http;

/// <summary>Writes JSON bodies straight to the response pipe, without building intermediate strings.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json";

    public static async Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonWriting.Options))
        {
            write(writer);
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteObjectAsync(HttpContext context, int statusCode, JsonObject obj) =>
        WriteAsync(context, statusCode, writer => obj.WriteTo(writer));

    public static Task WriteStatusAsync(HttpContext context, ApiStatusException error)
    {
        // responsewriters.ErrorNegotiated: a Status asking for a delay also says so in the header clients honour.
        if (error.Details is { RetryAfterSeconds: > 0 } details)
        {
            context.Response.Headers.RetryAfter = details.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteAsync(context, error.Code, error.WriteStatus);
    }
}
