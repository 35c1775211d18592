using System.Net;
using System.Security.Authentication;
using Interceptor.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Interceptor.Hosting;

/// <summary>The HTTPS webhook listener (TLS 1.2+, certificate chosen per handshake, so rotation needs no restart) and the plain health listener.</summary>
public static class KestrelListeners
{
    public static void Configure(KestrelServerOptions kestrel, InterceptorOptions options)
    {
        var certificates = kestrel.ApplicationServices.GetRequiredService<ServingCertificateSource>();
        Listen(kestrel, options.Webhook.BindAddress, options.Webhook.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https =>
            {
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ServerCertificateSelector = (_, _) => certificates.Current;
            });
        });
        Listen(kestrel, options.Health.BindAddress, options.Health.Port, listen => listen.Protocols = HttpProtocols.Http1);
        kestrel.AddServerHeader = false;
        // The API server sends a review of a few KiB in one burst and gives up after the webhook's timeoutSeconds
        // (3 s as shipped). A body still below 240 B/s after 2 s of grace is a stalled or trickling client: it gets
        // its 408 and the connection is freed, instead of being held for Kestrel's default grace of 5 s.
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2));
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port, Action<ListenOptions> configure)
    {
        if (address == "*")
        {
            kestrel.ListenAnyIP(port, configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(address), port, configure);
        }
    }
}
