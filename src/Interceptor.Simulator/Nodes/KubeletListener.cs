using System.Net;
using Interceptor.Simulator.Hosting;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// A simulated node's kubelet server: HTTPS on loopback with a certificate for the node's name (signed by a CA of its
/// own, as kubelet serving certificates are), and a bearer token check. While the node is failed, connections are
/// dropped, as they would be to a dead kubelet.
/// </summary>
internal sealed class KubeletListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServingCertificates _certificates;

    private KubeletListener(WebApplication app, ServingCertificates certificates, int port)
    {
        _app = app;
        _certificates = certificates;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The CA that signed the serving certificate, as PEM: what a client trusts.</summary>
    public string CertificateAuthorityPem => _certificates.Ca.ExportCertificatePem();

    public static async Task<KubeletListener> StartAsync(SimulatedNode node, KubeletApi api, CancellationToken ct)
    {
        var certificates = ServingCertificates.Create("kubelet-" + node.Name, [node.Name]);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Serving)));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, node, api));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Urls.First();
        return new KubeletListener(app, certificates, new Uri(address).Port);
    }

    private static async Task ServeAsync(HttpContext context, SimulatedNode node, KubeletApi api)
    {
        if (node.IsFailed)
        {
            context.Abort();
            return;
        }
        // The kubelet's authenticator (--authentication-token-webhook): no or a wrong token is 401 "Unauthorized".
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + node.KubeletToken)
        {
            await KubeletAnswer.Error(401, "Unauthorized").WriteAsync(context).ConfigureAwait(false);
            return;
        }
        var answer = await api.AnswerAsync(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Query, context.RequestAborted).ConfigureAwait(false);
        await answer.WriteAsync(context).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificates.Dispose();
    }
}
