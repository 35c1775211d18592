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
