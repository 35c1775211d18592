namespace Interceptor.Simulator.Discovery;

/// <summary>
/// <c>/openapi/v2</c> as an empty OpenAPI document, which is enough for <c>kubectl apply</c> and <c>create</c>:
/// without any OpenAPI they refuse ("failed to download openapi") unless given <c>--validate=false</c>; with a
/// document that defines nothing, client-side validation finds no schema for the kind and skips it, as it does for
/// a CRD without a schema. kubectl asks for the protobuf form, in which an empty document is zero bytes; JSON
/// clients get the smallest valid Swagger 2.0 object. <c>/openapi/v3</c> stays 404, so kubectl also learns that the
/// server does not validate fields itself. Schemas (and with them <c>kubectl explain</c>) are not served.
/// </summary>
internal static class OpenApiV2
{
    // kube-openapi answers with a dot where clients ask with "@", which Go's mime parser rejects in a response.
    private const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (context.Request.Headers.Accept.Any(a => a?.Contains("protobuf", StringComparison.Ordinal) == true))
        {
            context.Response.ContentType = ProtobufMediaType;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            """{"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.36.0"},"paths":{},"definitions":{}}""",
            context.RequestAborted);
    }
}
