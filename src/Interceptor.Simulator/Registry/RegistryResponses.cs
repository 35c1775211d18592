using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Registry;

/// <summary>Writing answers: empty ones with headers, and the spec's JSON error body.</summary>
internal static class RegistryResponses
{
    /// <summary>A body-less answer (201, 202, 204) with the given headers and an explicit zero length.</summary>
    public static Task Empty(HttpContext context, int status, IReadOnlyDictionary<string, string> headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (status != StatusCodes.Status204NoContent)
        {
            context.Response.ContentLength = 0;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>{"errors":[{"code","message","detail"}]}</c>, the format the spec requires of a JSON 4xx body.
    /// A HEAD answer gets the status and headers only, since it must not carry a body.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, RegistryException error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        var entry = new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["detail"] = error.Detail?.DeepClone() };
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["errors"] = new JsonArray(entry) }.ToJsonString());
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
