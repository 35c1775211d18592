using Interceptor.Api;
using Microsoft.Extensions.DependencyInjection;
using Interceptor.Tests.Support;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// Paths where the caches lag the API server: another replica created the PodMigration, or the pod is younger
/// than the last watch event. The answer must still be the right one.
/// </summary>
public sealed class CacheRaceTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private FakeCluster _cluster = null!;
    private InterceptorHost _host = null!;
    private IDisposable _frozenMigrationWatch = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        await _cluster.AddNamespaceAsync(Namespace, Labels.NamespaceOptIn);
        // The PodMigration list succeeds (the cache syncs) but its watch never delivers: the cache is frozen.
        _frozenMigrationWatch = _cluster.Hang("GET", "/podmigrations", watchesOnly: true);
        _host = await InterceptorHost.StartAsync(_certificates, _cluster.BaseAddress);
        await _host.WaitUntilReadyAsync();
    }

    [Theory]
    [InlineData(MigrationPhases.Failed, FailurePolicies.Evict, true)]
    [InlineData(MigrationPhases.RolledBack, FailurePolicies.Block, false)]
    [InlineData(MigrationPhases.Succeeded, FailurePolicies.Evict, true)]
    [InlineData(MigrationPhases.Checkpointing, FailurePolicies.Evict, false)]
    public async Task A_migration_the_cache_has_not_seen_is_answered_by_its_phase(string phase, string onFailure, bool allowed)
    {
        var pod = await _cluster.AddPodAsync(Pod("race-" + phase.ToLowerInvariant(), OptedIn()));
        await _cluster.AddMigrationAsync(pod, phase, onFailure);

        var uid = Guid.NewGuid().ToString();
        var (status, body) = await AdmissionReviews.PostAsync(_host.Webhook, AdmissionReviews.Eviction(Namespace, pod.Metadata.Name, uid));

        Assert.Equal(200, status);
        Assert.Equal(allowed, (bool)AdmissionReviews.Response(body, uid)["allowed"]!);
        Assert.Single(_cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_labelled_PodMigration_under_another_name_the_cache_has_not_seen_is_found_by_a_LIST_and_no_second_is_created()
    {
        var pod = await _cluster.AddPodAsync(Pod("race-user", OptedIn()));
        await _cluster.AddMigrationAsync(pod, MigrationPhases.Restoring, FailurePolicies.Evict, name: "by-hand", labelled: true);
        var creates = _cluster.CountRequests("POST", "/podmigrations");

        var response = await EvictAsync(_host, "race-user");

        Assert.False((bool)response["allowed"]!);
        Assert.Contains($"live migration {Namespace}/by-hand is Restoring", (string)response["status"]!["message"]!);
        Assert.Equal(creates, _cluster.CountRequests("POST", "/podmigrations"));
        Assert.Single(_cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_migration_no_controller_picks_up_stops_blocking_once_the_pickup_timeout_passes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Interceptor:Webhook:CertificateReloadInterval"] = "01:00:00", ["Interceptor:Migration:PickupTimeout"] = "00:02:00" };
        await using var host = await InterceptorHost.StartAsync(_certificates, _cluster.BaseAddress, settings, s => s.AddSingleton<TimeProvider>(clock));
        await host.WaitUntilReadyAsync();
        var pod = await _cluster.AddPodAsync(Pod("orphaned", OptedIn()));

        var first = await EvictAsync(host, "orphaned");
        clock.Advance(TimeSpan.FromMinutes(3));
        var later = await EvictAsync(host, "orphaned");

        Assert.False((bool)first["allowed"]!);
        Assert.True((bool)later["allowed"]!);
        await Eventually.TrueAsync(() => _cluster.EventsFor(pod.Metadata.Uid).Any(e => e.Reason == "EvictionAllowed" && e.Type == "Warning"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> EvictAsync(InterceptorHost host, string pod)
    {
        var uid = Guid.NewGuid().ToString();
        var (_, body) = await AdmissionReviews.PostAsync(host.Webhook, AdmissionReviews.Eviction(Namespace, pod, uid));
        return AdmissionReviews.Response(body, uid);
    }

    [Fact]
    public async Task A_pod_the_cache_has_not_seen_is_read_from_the_API_server()
    {
        using var frozenPods = _cluster.Hang("GET", "/pods", watchesOnly: true);
        await using var host = await InterceptorHost.StartAsync(_certificates, _cluster.BaseAddress);
        await host.WaitUntilReadyAsync();
        var pod = await _cluster.AddPodAsync(Pod("brand-new", OptedIn()));

        var uid = Guid.NewGuid().ToString();
        var (_, body) = await AdmissionReviews.PostAsync(host.Webhook, AdmissionReviews.Eviction(Namespace, "brand-new", uid));

        Assert.False((bool)AdmissionReviews.Response(body, uid)["allowed"]!);
        Assert.Single(_cluster.MigrationsFor(pod.Metadata.Uid));
        Assert.True(_cluster.CountRequests("GET", "/pods/brand-new") >= 1);
    }

    public async Task DisposeAsync()
    {
        _frozenMigrationWatch.Dispose();
        await _host.DisposeAsync();
        await _cluster.DisposeAsync();
        _certificates.Dispose();
    }
}
