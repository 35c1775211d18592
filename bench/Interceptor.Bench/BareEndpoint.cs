using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Interceptor.Bench;

/// <summary>What a bare endpoint adds of the service's HTTP behaviour, one thing at a time, to attribute the gap.</summary>
public enum BareVariant
{
    /// <summary>The baseline: fixed answer with Content-Length, no logging provider.</summary>
    Plain,

    /// <summary>As <see cref="Plain"/>, but the answer is written without Content-Length, so HTTP/1.1 sends it chunked, as a streamed JSON result would (the service writes a Content-Length, measured against this).</summary>
    Chunked,

    /// <summary>As <see cref="Plain"/>, with the service's Serilog set-up: with a logger enabled, ASP.NET Core hosting starts an Activity and a log scope per request.</summary>
    Serilog,
}

/// <summary>
/// The baseline: the same WebApplication builder and Kestrel TLS settings as the webhook listener
/// (TLS 1.2/1.3, HTTP/1.1 and 2, the same certificate files), one route that reads the body to its end
/// and writes a fixed allowed AdmissionReview. No parsing, no validation, no logging (see <see cref="BareVariant"/>).
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private BareEndpoint(WebApplication app, X509Certificate2 certificate, Uri address)
    {
        _app = app;
        _certificate = certificate;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareEndpoint> StartAsync(CertificateFiles certificates, BareVariant variant = BareVariant.Plain)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificates.CertificatePath, certificates.KeyPath);
        var builder = CreateBuilder(variant);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    https.ServerCertificate = certificate;
                });
            });
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        MapRoute(app, variant);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareEndpoint(app, certificate, new Uri(address));
    }

    /// <summary>The builder, with logging as the variant wants it; the server is added by the caller.</summary>
    public static WebApplicationBuilder CreateBuilder(BareVariant variant)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        if (variant == BareVariant.Serilog)
        {
            // The service's logging (InterceptorComposition): Information, Microsoft.AspNetCore at Warning, compact JSON on the console.
            // Nothing is logged per request here; what it costs is that logging is on at all.
            builder.Services.AddSerilog((_, logging) => logging
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(new RenderedCompactJsonFormatter()), preserveStaticLogger: true);
        }
        else
        {
            builder.Logging.ClearProviders();
        }

        return builder;
    }

    /// <summary>The one route: read the body to its end, write the fixed answer.</summary>
    public static void MapRoute(WebApplication app, BareVariant variant)
    {
        var answer = Reviews.FixedAllowedAnswer;
        app.MapPost("/validate/eviction", async context =>
        {
            await RunHygiene.DrainAsync(context.Request.BodyReader, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            if (variant != BareVariant.Chunked)
            {
                context.Response.ContentLength = answer.Length;
            }

            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
