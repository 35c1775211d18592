namespace Interceptor.Hosting;

/// <summary>
/// Keeps the two listeners apart: admission reviews only over HTTPS, probes and metrics only over plain HTTP.
/// A probe port that answered reviews would be a webhook without TLS.
/// </summary>
public static class ListenerIsolation
{
    private static readonly string[] PlainPaths = ["/healthz", "/readyz", "/metrics"];

    public static IApplicationBuilder UseListenerIsolation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var isPlainPath = PlainPaths.Any(p => context.Request.Path.StartsWithSegments(p));
            if (context.Request.IsHttps == isPlainPath)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
}
