using System.Net;
using Interceptor.Simulator.Hosting;

namespace Interceptor.Simulator.Registry;

/// <summary>Builds the registry's Kestrel app on loopback: nothing but the request handler.</summary>
internal static class RegistryHost
{
    public static WebApplication Build(EmbeddedRegistryOptions options, RegistryRequestHandler handler, ServingCertificates? certificates)
    {
        // The empty builder reads no appsettings or environment: a test's working directory cannot change the server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Checkpoint layers are GiBs: no body limit (Kestrel's default is 30 MB); bodies stream to disk anyway.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificates is not null)
                {
                    listen.UseHttps(certificates.Serving);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        return app;
    }
}
