using System.Text.Json.Nodes;
using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Simulator.Store;
using Interceptor.Tests.Support;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// The webhook's caches made stale on purpose: they list once and their watches never deliver, then the API server's
/// objects change. An allow for an opted-in pod is confirmed by a GET and decided again on what the GET says; pods
/// that are not opted in, and denials, are answered from the cache without a read.
/// </summary>
public sealed class StaleCacheTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        await _cluster.AddNamespaceAsync(Namespace, Labels.NamespaceOptIn);
    }

    [Fact]
    public async Task A_pod_the_cache_still_thinks_Pending_is_migrated_once_the_API_server_says_Running()
    {
        var pod = await _cluster.AddPodAsync(Pod("starting", OptedIn(), InPhase("Pending")));
        await using var host = await StartFrozenAsync();
        _cluster.ChangePod(Namespace, "starting", p => p.Status.Phase = "Running", UpdateScope.Status);

        var response = await EvictAsync(host, "starting");

        Assert.False((bool)response["allowed"]!);
        Assert.StartsWith(EvictionMessages.EvacuationPrefix, (string)response["status"]!["message"]!);
        Assert.Single(_cluster.MigrationsFor(pod.Metadata.Uid));
        Assert.Equal(1, _cluster.CountRequests("GET", "/pods/starting"));
    }

    [Fact]
    public async Task A_UID_precondition_naming_a_pod_the_cache_has_not_seen_yet_is_checked_against_the_API_server()
    {
        var old = await _cluster.AddPodAsync(Pod("reborn", OptedIn()));
        await using var host = await StartFrozenAsync();
        _cluster.Server.Store.Delete(Simulator.Resources.BuiltinResources.Pods, Namespace, "reborn");
        var fresh = await _cluster.AddPodAsync(Pod("reborn", OptedIn()));

        var response = await EvictAsync(host, "reborn", preconditionUid: fresh.Metadata.Uid);

        Assert.False((bool)response["allowed"]!);
        Assert.Single(_cluster.MigrationsFor(fresh.Metadata.Uid));
        Assert.Empty(_cluster.MigrationsFor(old.Metadata.Uid));
    }

    [Fact]
    public async Task A_failed_migration_whose_policy_became_Block_keeps_blocking_though_the_cache_still_says_Evict()
    {
        var pod = await _cluster.AddPodAsync(Pod("policy-changed", OptedIn()));
        var migration = await _cluster.AddMigrationAsync(pod, MigrationPhases.Failed, FailurePolicies.Evict);
        await using var host = await StartFrozenAsync();
        _cluster.ChangeMigration(Namespace, migration.Metadata.Name, m => m.Spec.OnFailure = FailurePolicies.Block);

        var response = await EvictAsync(host, "policy-changed");

        Assert.False((bool)response["allowed"]!);
        Assert.StartsWith("Eviction blocked", (string)response["status"]!["message"]!);
        Assert.Equal(1, _cluster.CountRequests("GET", "/podmigrations/" + migration.Metadata.Name));
    }

    [Fact]
    public async Task Neither_a_pod_that_is_not_opted_in_nor_a_denial_costs_a_read()
    {
        await _cluster.AddPodAsync(Pod("not-ours"));
        var busy = await _cluster.AddPodAsync(Pod("busy", OptedIn()));
        await _cluster.AddMigrationAsync(busy, MigrationPhases.Checkpointing, FailurePolicies.Evict);
        await using var host = await StartFrozenAsync();
        var before = _cluster.Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch);

        Assert.True((bool)(await EvictAsync(host, "not-ours"))["allowed"]!);
        Assert.False((bool)(await EvictAsync(host, "busy"))["allowed"]!);

        Assert.Equal(before, _cluster.Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch));
    }

    /// <summary>A host whose caches listed what the cluster holds now and will never hear of a change.</summary>
    private async Task<InterceptorHost> StartFrozenAsync()
    {
        _cluster.Hang("GET", "/pods", watchesOnly: true);
        _cluster.Hang("GET", "/podmigrations", watchesOnly: true);
        var host = await InterceptorHost.StartAsync(_certificates, _cluster.BaseAddress);
        await host.WaitUntilReadyAsync();
        return host;
    }

    private static async Task<JsonNode> EvictAsync(InterceptorHost host, string pod, string? preconditionUid = null)
    {
        var uid = Guid.NewGuid().ToString();
        var (_, body) = await AdmissionReviews.PostAsync(host.Webhook, AdmissionReviews.Eviction(Namespace, pod, uid, preconditionUid: preconditionUid));
        return AdmissionReviews.Response(body, uid);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _certificates.Dispose();
    }
}
