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
            if (context.Request.IsHttps == IsPlainPath(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context).ConfigureAwait(false);
        });

    // A loop, not a LINQ lambda: this runs on every request and should not allocate.
    private static bool IsPlainPath(PathString path)
    {
        foreach (var plain in PlainPaths)
        {
            if (path.StartsWithSegments(plain))
            {
                return true;
            }
        }

        return false;
    }
}
