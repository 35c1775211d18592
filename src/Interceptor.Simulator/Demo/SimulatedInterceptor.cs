using Interceptor.Hosting;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The real Interceptor (the same host the container runs, <see cref="InterceptorApp"/>) started against a fake
/// API server over real TLS, ready, and registered as the cluster's eviction webhook and pod mutating webhook. Used by <c>simulate</c> and by
/// the tests that drive it with the real kubectl.
/// </summary>
public sealed class SimulatedInterceptor : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DevCertificates _certificates;

    private SimulatedInterceptor(WebApplication app, DevCertificates certificates, Uri webhook, Uri health)
    {
        _app = app;
        _certificates = certificates;
        WebhookAddress = webhook;
        HealthAddress = health;
    }

    /// <summary>The HTTPS webhook listener (TLS 1.2+, a throwaway CA's certificate).</summary>
    public Uri WebhookAddress { get; }

    /// <summary>The plain-HTTP listener of /healthz, /readyz and /metrics.</summary>
    public Uri HealthAddress { get; }

    /// <summary>The CA that signed the serving certificate, as a webhook's caBundle carries it.</summary>
    public byte[] CaBundle => System.Text.Encoding.ASCII.GetBytes(_certificates.Ca.ExportCertificatePem());

    /// <summary>An HTTPS client for the webhook that trusts only its CA.</summary>
    public HttpClient CreateWebhookClient() => _certificates.CreateClient(WebhookAddress);

    /// <param name="logLevel">The service's Serilog minimum level; its JSON log goes to the console.</param>
    /// <param name="settings">More configuration, as appsettings keys (<c>Interceptor:Migration:PickupTimeout</c>); they win over the defaults here.</param>
    /// <param name="mutatePods">
    /// Also register the pod CREATE mutating webhook (the serving readiness gate). Until the migration controller sets
    /// that condition, a gated pod never turns Ready: a caller that waits for Ready pods it creates afterwards passes false.
    /// </param>
    public static async Task<SimulatedInterceptor> StartAsync(
        FakeApiServer cluster, string logLevel = "Warning", IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default,
        bool mutatePods = true)
    {
        var certificates = DevCertificates.Create();
        var apiServer = ApiServerConnection.Setting(cluster, certificates.Directory);
        var app = InterceptorApp.Build(["--environment", "Simulation"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Interceptor:Webhook:Port"] = "0", ["Interceptor:Webhook:BindAddress"] = "127.0.0.1",
            ["Interceptor:Webhook:CertificateDirectory"] = certificates.Directory,
            ["Interceptor:Health:Port"] = "0", ["Interceptor:Health:BindAddress"] = "127.0.0.1",
            [apiServer.Key] = apiServer.Value,
            ["Serilog:MinimumLevel:Default"] = logLevel,
            // Readiness is polled below until the caches sync; each not-yet-ready answer would be logged as an Error.
            ["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Fatal",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var (webhook, health) = app.BoundAddresses();
            var started = new SimulatedInterceptor(app, certificates, webhook, health);
            await started.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            cluster.Store.Create(DrainSimulation.WebhookConfiguration(webhook, started.CaBundle));
            if (mutatePods)
            {
                cluster.Store.Create(DrainSimulation.MutatingWebhookConfiguration(webhook, started.CaBundle));
            }
            return started;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificates.Dispose();
            throw;
        }
    }

    /// <summary>Readiness means a valid certificate and synced caches: before that, answers would come from empty caches.</summary>
    private Task WaitReadyAsync(CancellationToken cancellationToken) =>
        HealthProbe.WaitReadyAsync(HealthAddress, "the interceptor", TimeSpan.FromSeconds(15), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificates.Dispose();
    }
}
