using System.Net;
using Interceptor.Api;
using Interceptor.Simulator.Store;
using Interceptor.Testing;
using Interceptor.Tests.Support;
using Xunit;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// The whole protocol as callers see it: a client evicts through the fake API server's pods/eviction subresource,
/// which calls the interceptor over HTTPS as configured by the shipped manifests/webhook.yaml (only the caBundle
/// added; the Service name resolves to the loopback port and TLS checks its DNS name).
/// </summary>
public sealed class EvictionSubresourceTests : IAsyncLifetime
{
    private const string Denied = "admission webhook \"eviction.interceptor.dev\" denied the request: Eviction triggered evacuation";
    private readonly TestCertificates _certificates = new();
    private FakeCluster _cluster = null!;
    private InterceptorHost _host = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        await _cluster.AddNamespaceAsync(Namespace, Labels.NamespaceOptIn);
        await _cluster.AddNamespaceAsync("elsewhere", null);
        _host = await InterceptorHost.StartAsync(_certificates, _cluster.BaseAddress);
        await _host.WaitUntilReadyAsync();

        var configuration = KubernetesYaml.Deserialize<V1ValidatingWebhookConfiguration>(File.ReadAllText(RepoPaths.Of("manifests/webhook.yaml")), strict: true);
        configuration.Webhooks[0].ClientConfig.CaBundle = File.ReadAllBytes(Path.Combine(_certificates.Directory, "ca.crt"));
        _cluster.Server.Store.Create(configuration);
        _cluster.Server.Webhooks.ResolveService = (_, _, _) => _host.WebhookAddress;
        _client = _cluster.Server.CreateClient();
    }

    [Fact]
    public async Task Evicting_an_opted_in_pod_gets_the_429_a_drain_retries_on_and_the_pod_stays()
    {
        var pod = await _cluster.AddPodAsync(Pod("cache-0", OptedIn()));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => EvictAsync("cache-0"));

        Assert.Equal((HttpStatusCode)429, error.Response.StatusCode);
        Assert.StartsWith(Denied, KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message, StringComparison.Ordinal);
        Assert.False(error.Response.Headers.ContainsKey("Retry-After"), "no Retry-After: client-go would retry silently");
        Assert.NotNull(_cluster.Server.Store.TryGet<V1Pod>(Namespace, "cache-0"));
        Assert.Single(_cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task Evicting_a_pod_that_is_not_opted_in_just_evicts_it()
    {
        await _cluster.AddPodAsync(Pod("plain-web"));

        await EvictAsync("plain-web");

        Assert.Null(_cluster.Server.Store.TryGet<V1Pod>(Namespace, "plain-web"));
    }

    [Fact]
    public async Task A_server_side_dry_run_drain_gets_the_same_429_and_creates_nothing()
    {
        var pod = await _cluster.AddPodAsync(Pod("dry-cache", OptedIn()));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => EvictAsync("dry-cache", dryRun: true));

        Assert.Equal((HttpStatusCode)429, error.Response.StatusCode);
        var message = KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message;
        Assert.StartsWith(Denied + " (dry run)", message, StringComparison.Ordinal);
        Assert.Contains("would start live migration", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" started", message, StringComparison.Ordinal);
        Assert.Empty(_cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_namespace_that_did_not_opt_in_never_reaches_the_webhook()
    {
        await _cluster.AddPodAsync(Pod("labelled-but-outside", OptedIn(), InNamespace("elsewhere")));
        var reviews = await _host.MetricAsync("interceptor_admission_duration_seconds_count", ("decision", "allow"))
            + await _host.MetricAsync("interceptor_admission_duration_seconds_count", ("decision", "deny"));

        await EvictAsync("labelled-but-outside", ns: "elsewhere");

        Assert.Null(_cluster.Server.Store.TryGet<V1Pod>("elsewhere", "labelled-but-outside"));
        Assert.Equal(reviews, await _host.MetricAsync("interceptor_admission_duration_seconds_count", ("decision", "allow"))
            + await _host.MetricAsync("interceptor_admission_duration_seconds_count", ("decision", "deny")));
    }

    private Task EvictAsync(string name, string ns = Namespace, bool dryRun = false) =>
        _client.CoreV1.CreateNamespacedPodEvictionAsync(
            new V1Eviction
            {
                ApiVersion = "policy/v1",
                Kind = "Eviction",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                DeleteOptions = dryRun ? new V1DeleteOptions { DryRun = ["All"] } : null,
            },
            name, ns);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _cluster.DisposeAsync();
        _certificates.Dispose();
    }
}
