using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Nodes;

/// <summary>One kubelet HTTP answer: status, content type and body, written the same way on both ways in.</summary>
internal sealed record KubeletAnswer(int StatusCode, string ContentType, string Body)
{
    /// <summary>go-restful's WriteError: the error text as plain text.</summary>
    public static KubeletAnswer Error(int statusCode, string message) => new(statusCode, "text/plain; charset=utf-8", message);

    /// <summary>A plain-text success, as the kubelet's healthz writes it.</summary>
    public static KubeletAnswer Ok(string text) => new(200, "text/plain; charset=utf-8", text);

    public static KubeletAnswer Json(JsonObject body) => new(200, "application/json", body.ToJsonString());

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = ContentType;
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Body), context.RequestAborted).AsTask();
    }
}
