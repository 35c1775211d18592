using Interceptor.Admission;
using Interceptor.Diagnostics;
using Interceptor.Hosting;
using Interceptor.Kube;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interceptor.Bench;

/// <summary>
/// The real service, composed by <see cref="InterceptorApp.Build"/> exactly as in a cluster, on loopback: HTTPS webhook
/// on an ephemeral port with the generated certificate, health on another, KubernetesClient to the fake API server.
/// Only ports, addresses, the certificate directory, the API server and the log level are set here.
/// </summary>
public sealed class InterceptorInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InterceptorInstance(WebApplication app, string logLevel)
    {
        _app = app;
        LogLevel = logLevel;
        (Webhook, Health) = app.BoundAddresses();
        Metrics = app.Services.GetRequiredService<InterceptorMetrics>();
        Caches = app.Services.GetRequiredService<ClusterCaches>();
    }

    public string LogLevel { get; }

    public Uri Webhook { get; }

    public Uri Health { get; }

    public InterceptorMetrics Metrics { get; }

    public IServiceProvider Services => _app.Services;

    public ClusterCaches Caches { get; }

    public static async Task<InterceptorInstance> StartAsync(CertificateFiles certificates, Uri apiServer, string logLevel)
    {
        var app = Build(certificates, apiServer, logLevel);
        await app.StartAsync();
        return new InterceptorInstance(app, logLevel);
    }

    /// <summary>The service with this benchmark's settings; <paramref name="configure"/> may add more (an in-process server).</summary>
    public static WebApplication Build(CertificateFiles certificates, Uri apiServer, string logLevel, Action<WebApplicationBuilder>? configure = null) =>
        InterceptorApp.Build(["--environment", "Production"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Interceptor:Webhook:Port"] = "0",
                ["Interceptor:Webhook:BindAddress"] = "127.0.0.1",
                ["Interceptor:Webhook:CertificateDirectory"] = certificates.Directory,
                ["Interceptor:Health:Port"] = "0",
                ["Interceptor:Health:BindAddress"] = "127.0.0.1",
                ["Interceptor:Kubernetes:Host"] = apiServer.ToString(),
                // The admission benchmark measures the webhook alone, as it measured before the controller existed.
                ["Interceptor:Controller:Enabled"] = "false",
                ["Serilog:MinimumLevel:Default"] = logLevel,
            });
            configure?.Invoke(builder);
        });

    /// <summary>Count of decisions with this outcome and reason (not dry-run), read from the service's own metrics.</summary>
    public double Decisions(bool allowed, string reason) =>
        Metrics.AdmissionDecisions.WithLabels(allowed ? "allow" : "deny", reason, "false").Value;

    /// <summary>Waits (bounded) for /readyz and for every seeded pod in the pod cache, so no measured request falls back to a GET.</summary>
    public async Task WaitUntilReadyAsync(IEnumerable<string> pods, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var health = new HttpClient { BaseAddress = Health, Timeout = TimeSpan.FromSeconds(5) };
        var pending = pods.ToList();
        while (true)
        {
            using (var response = await health.GetAsync(new Uri("/readyz", UriKind.Relative)))
            {
                pending.RemoveAll(p => Caches.Pods.Get(BenchCluster.Namespace, p) is not null);
                if (response.IsSuccessStatusCode && pending.Count == 0)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"interceptor ({LogLevel}) not ready after {timeout.TotalSeconds} s; {pending.Count} pods not cached");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The phase of the pod's PodMigration in this instance's cache: "" without a phase, null when not cached (then a retry would call the API).</summary>
    public string? CachedMigrationPhase(string pod)
    {
        var facts = Caches.Pods.Get(BenchCluster.Namespace, pod);
        return facts is null ? null : Caches.Migrations.Get(BenchCluster.Namespace, MigrationNames.For(facts.Name, facts.Uid)) is { } migration ? migration.Phase ?? "" : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
