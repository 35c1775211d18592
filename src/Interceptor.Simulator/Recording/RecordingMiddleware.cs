namespace Interceptor.Simulator.Recording;

/// <summary>Records every request before anything else sees it, so faulted requests are recorded too.</summary>
internal sealed class RecordingMiddleware(RequestLog log, TimeProvider clock)
{
    private static readonly object ItemKey = new();

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value?.TrimStart('?') ?? "",
            clock.GetUtcNow());
        log.Add(request);
        context.Items[ItemKey] = request;
        return next(context);
    }

    /// <summary>The record made for this request, for later middleware (fault matching).</summary>
    public static RecordedRequest Of(HttpContext context) => (RecordedRequest)context.Items[ItemKey]!;
}
