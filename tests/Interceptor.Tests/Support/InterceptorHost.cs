using Interceptor.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Interceptor.Tests.Support;

/// <summary>
/// The real service on a real Kestrel on loopback: HTTPS with the generated certificate on one ephemeral port,
/// health and metrics on another, talking to the given API server with the real KubernetesClient.
/// </summary>
public sealed class InterceptorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InterceptorHost(WebApplication app, TestCertificates certificates, InMemoryLogSink logs)
    {
        _app = app;
        Logs = logs;
        (WebhookAddress, HealthAddress) = app.BoundAddresses();
        Webhook = certificates.CreateClient(WebhookAddress);
        Health = new HttpClient { BaseAddress = HealthAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri WebhookAddress { get; }

    public Uri HealthAddress { get; }

    /// <summary>HTTPS client that trusts only the test CA.</summary>
    public HttpClient Webhook { get; }

    /// <summary>Plain HTTP client for /healthz, /readyz and /metrics.</summary>
    public HttpClient Health { get; }

    /// <summary>Every Serilog event the host wrote.</summary>
    public InMemoryLogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InterceptorHost> StartAsync(
        TestCertificates certificates,
        Uri apiServer,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var sink = new InMemoryLogSink();
        var app = InterceptorApp.Build(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Interceptor:Webhook:Port"] = "0",
                ["Interceptor:Webhook:BindAddress"] = "127.0.0.1",
                ["Interceptor:Webhook:CertificateDirectory"] = certificates.Directory,
                ["Interceptor:Webhook:CertificateReloadInterval"] = "00:00:00.200",
                ["Interceptor:Health:Port"] = "0",
                ["Interceptor:Health:BindAddress"] = "127.0.0.1",
                ["Interceptor:Kubernetes:Host"] = apiServer.ToString(),
                // Admission tests pin PodMigration phases by hand: a controller acting on them would race the test.
                // Controller tests turn it on through their settings.
                ["Interceptor:Controller:Enabled"] = "false",
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.Services.AddSingleton<ILogEventSink>(sink);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new InterceptorHost(app, certificates, sink);
    }

    /// <summary>Waits until /readyz answers 200 (caches synced, certificate loaded).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Health.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the interceptor did not become ready: " + await Health.GetStringAsync("/readyz"));
    }

    /// <summary>Waits until the interceptor's pod cache shows the pod as the test needs it (watch delivery is asynchronous).</summary>
    public Task WaitForCachedPodAsync(string ns, string name, Func<Interceptor.Admission.PodFacts, bool> condition) =>
        Eventually.TrueAsync(() => _app.Services.GetRequiredService<Interceptor.Kube.ClusterCaches>().Pods.Get(ns, name) is { } pod && condition(pod),
            because: $"pod {ns}/{name} never reached the expected state in the cache");

    /// <summary>The current value of one metric sample, read from the host's own registry.</summary>
    public async Task<double> MetricAsync(string name, params (string Label, string Value)[] labels)
    {
        var text = await Health.GetStringAsync("/metrics");
        var selector = labels.Length == 0 ? name + " " : name + "{";
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(selector, StringComparison.Ordinal) && labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        Webhook.Dispose();
        Health.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
