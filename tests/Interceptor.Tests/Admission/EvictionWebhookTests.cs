using System.Text.Json.Nodes;
using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Tests.Support;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// Every decision path of the eviction webhook, end to end: AdmissionReview over HTTPS (generated certificate)
/// into the real service, which reads pods through the real KubernetesClient from the fake API server.
/// </summary>
public sealed class EvictionWebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private FakeCluster Cluster => fixture.Cluster;

    private InterceptorHost Host => fixture.Host;

    [Fact]
    public async Task An_opted_in_pod_is_denied_with_429_and_a_PodMigration_is_created()
    {
        var pod = await Cluster.AddPodAsync(Pod("cache-0", OptedIn(), OwnedBy("ReplicaSet", "cache-7d9f")));

        var response = await EvictAsync("cache-0", uid: "r-started");

        Assert.False((bool)response["allowed"]!);
        Assert.Equal(429, (int)response["status"]!["code"]!);
        Assert.Equal("TooManyRequests", (string)response["status"]!["reason"]!);
        Assert.StartsWith("Eviction triggered evacuation", (string)response["status"]!["message"]!);
        Assert.Null(response["status"]!["details"]);
        var migration = Assert.Single(Cluster.MigrationsFor(pod.Metadata.Uid));
        Assert.Equal(MigrationNames.For("cache-0", pod.Metadata.Uid), migration.Metadata.Name);
        Assert.Equal("node-a", migration.Spec.SourceNode);
        Assert.Equal(MigrationTriggers.Eviction, migration.Spec.Trigger);
        Assert.Equal(FailurePolicies.Evict, migration.Spec.OnFailure);
        Assert.Equal("system:serviceaccount:kube-system:cluster-autoscaler", migration.Spec.RequestedBy);
    }

    [Fact]
    public async Task A_repeated_eviction_is_denied_again_without_a_second_migration()
    {
        var pod = await Cluster.AddPodAsync(Pod("broker-0", OptedIn(), OnFailure(FailurePolicies.Block)));
        var creates = Cluster.CountRequests("POST", "/podmigrations");

        await EvictAsync("broker-0", uid: "r-first");
        var again = await EvictAsync("broker-0", uid: "r-second");

        Assert.False((bool)again["allowed"]!);
        Assert.StartsWith("Eviction triggered evacuation", (string)again["status"]!["message"]!);
        var migration = Assert.Single(Cluster.MigrationsFor(pod.Metadata.Uid));
        Assert.Equal(FailurePolicies.Block, migration.Spec.OnFailure);
        Assert.Equal(creates + 1, Cluster.CountRequests("POST", "/podmigrations"));
    }

    [Fact]
    public async Task A_pod_that_is_not_opted_in_is_allowed_and_nothing_is_created()
    {
        var pod = await Cluster.AddPodAsync(Pod("plain"));

        var response = await EvictAsync("plain");

        Assert.True((bool)response["allowed"]!);
        Assert.Empty(Cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_pod_in_an_all_pods_namespace_is_migrated_without_its_own_label()
    {
        await Cluster.AddNamespaceAsync("team-all", Labels.NamespaceAllPods);
        var pod = await Cluster.AddPodAsync(Pod("notebook", InNamespace("team-all")));

        var response = await EvictAsync("notebook", ns: "team-all");

        Assert.False((bool)response["allowed"]!);
        Assert.Single(Cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_terminating_pod_is_allowed()
    {
        await Cluster.AddTerminatingPodAsync(Pod("leaving", OptedIn()));
        await Host.WaitForCachedPodAsync(Namespace, "leaving", p => p.Terminating);
        Assert.True((bool)(await EvictAsync("leaving"))["allowed"]!);
    }

    [Fact]
    public async Task A_pending_pod_is_allowed()
    {
        await Cluster.AddPodAsync(Pod("waiting", OptedIn(), InPhase("Pending")));
        Assert.True((bool)(await EvictAsync("waiting"))["allowed"]!);
    }

    [Fact]
    public async Task A_DaemonSet_pod_is_allowed()
    {
        await Cluster.AddPodAsync(Pod("node-agent", OptedIn(), OwnedBy("DaemonSet", "node-agent")));
        Assert.True((bool)(await EvictAsync("node-agent"))["allowed"]!);
    }

    [Fact]
    public async Task A_mirror_pod_is_allowed()
    {
        await Cluster.AddPodAsync(Pod("kube-proxy-node-a", OptedIn(), Mirror()));
        Assert.True((bool)(await EvictAsync("kube-proxy-node-a"))["allowed"]!);
    }

    [Fact]
    public async Task A_pod_that_does_not_exist_is_allowed()
    {
        Assert.True((bool)(await EvictAsync("never-existed"))["allowed"]!);
    }

    [Fact]
    public async Task An_eviction_for_an_older_incarnation_is_allowed_and_starts_nothing()
    {
        var pod = await Cluster.AddPodAsync(Pod("web-1", OptedIn()));

        var response = await EvictAsync("web-1", preconditionUid: Guid.NewGuid().ToString());

        Assert.True((bool)response["allowed"]!);
        Assert.Empty(Cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Theory]
    [InlineData("request.dryRun", true, false)]
    [InlineData("deleteOptions.dryRun (kubectl drain --dry-run=server)", false, true)]
    public async Task A_dry_run_gets_the_same_answer_with_no_side_effect(string marker, bool requestDryRun, bool bodyDryRun)
    {
        var name = "dry-" + (requestDryRun ? "request" : "body");
        var pod = await Cluster.AddPodAsync(Pod(name, OptedIn()));

        var response = await EvictAsync(name, requestDryRun: requestDryRun, bodyDryRun: bodyDryRun);

        Assert.False((bool)response["allowed"]!);
        Assert.Equal(429, (int)response["status"]!["code"]!);
        Assert.True(Cluster.MigrationsFor(pod.Metadata.Uid).Count == 0, $"{marker} must not create a PodMigration");
        var message = (string)response["status"]!["message"]!;
        Assert.StartsWith(EvictionMessages.EvacuationPrefix + " (dry run)", message);
        Assert.Contains("would start live migration", message);
        Assert.DoesNotContain(" started", message);
        Assert.True(await Host.MetricAsync("interceptor_admission_decisions_total", ("reason", AdmissionReasons.MigrationStarted), ("dry_run", "true")) >= 1);
    }

    [Fact]
    public async Task A_policy_v1beta1_eviction_is_handled_like_v1()
    {
        var pod = await Cluster.AddPodAsync(Pod("legacy", OptedIn()));

        var response = await EvictAsync("legacy", version: "v1beta1");

        Assert.False((bool)response["allowed"]!);
        Assert.Single(Cluster.MigrationsFor(pod.Metadata.Uid));
    }

    [Fact]
    public async Task A_succeeded_migration_lets_the_source_go()
    {
        var pod = await Cluster.AddPodAsync(Pod("moved", OptedIn()));
        await Cluster.AddMigrationAsync(pod, MigrationPhases.Succeeded, FailurePolicies.Evict);

        Assert.True((bool)(await EvictAsync("moved"))["allowed"]!);
    }

    [Fact]
    public async Task A_failed_migration_with_policy_Evict_lets_the_eviction_through()
    {
        var pod = await Cluster.AddPodAsync(Pod("failed-evict", OptedIn()));
        await Cluster.AddMigrationAsync(pod, MigrationPhases.Failed, FailurePolicies.Evict);

        Assert.True((bool)(await EvictAsync("failed-evict"))["allowed"]!);
    }

    [Fact]
    public async Task A_failed_migration_with_policy_Block_keeps_the_eviction_blocked()
    {
        var pod = await Cluster.AddPodAsync(Pod("failed-block", OptedIn()));
        await Cluster.AddMigrationAsync(pod, MigrationPhases.RolledBack, FailurePolicies.Block);

        var response = await EvictAsync("failed-block");

        Assert.False((bool)response["allowed"]!);
        Assert.Equal(429, (int)response["status"]!["code"]!);
        Assert.StartsWith("Eviction blocked", (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task The_API_server_failing_fails_open_and_counts_it()
    {
        await Cluster.AddPodAsync(Pod("unlucky", OptedIn()));
        var before = await Host.MetricAsync("interceptor_admission_fail_open_total", ("cause", "ApiError500"));
        using var fault = Cluster.Fail("POST", "/podmigrations", 500);

        var response = await EvictAsync("unlucky");

        Assert.True((bool)response["allowed"]!);
        Assert.Contains(response["warnings"]!.AsArray(), w => ((string)w!).Contains("without live migration", StringComparison.Ordinal));
        Assert.Equal(before + 1, await Host.MetricAsync("interceptor_admission_fail_open_total", ("cause", "ApiError500")));
    }

    [Fact]
    public async Task A_hanging_API_server_fails_open_within_the_request_timeout()
    {
        await Cluster.AddPodAsync(Pod("slow", OptedIn()));
        using var fault = Cluster.Hang("POST", "/podmigrations");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await EvictAsync("slow");

        Assert.True((bool)response["allowed"]!);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"answered after {watch.Elapsed}, beyond the webhook's budget");
        Assert.True(await Host.MetricAsync("interceptor_admission_fail_open_total", ("cause", "Timeout")) >= 1);
    }

    [Fact]
    public async Task Every_log_line_of_a_review_carries_its_uid_and_pod_and_the_decision_line_its_outcome()
    {
        await Cluster.AddPodAsync(Pod("logged", OptedIn()));

        await EvictAsync("logged", uid: "r-logged");

        var lines = Host.Logs.Events.Where(e => InMemoryLogSink.Scalar(e, "ReviewUid") == "r-logged").ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, e => Assert.Equal("logged", InMemoryLogSink.Scalar(e, "Pod")));
        Assert.Contains(lines, e => InMemoryLogSink.Scalar(e, "Decision") == "deny" && InMemoryLogSink.Scalar(e, "Reason") == AdmissionReasons.MigrationStarted);
    }

    [Fact]
    public async Task An_intercepted_eviction_records_an_Event_on_the_pod()
    {
        var pod = await Cluster.AddPodAsync(Pod("evented", OptedIn()));

        await EvictAsync("evented");

        await Eventually.TrueAsync(() => Cluster.EventsFor(pod.Metadata.Uid).Any(e => e.Reason == "EvictionIntercepted"));
    }

    private async Task<JsonNode> EvictAsync(
        string pod, string ns = Namespace, string? uid = null, string version = "v1",
        bool requestDryRun = false, bool bodyDryRun = false, string? preconditionUid = null)
    {
        uid ??= Guid.NewGuid().ToString();
        var review = AdmissionReviews.Eviction(ns, pod, uid, version, requestDryRun, bodyDryRun, preconditionUid);
        var (status, body) = await AdmissionReviews.PostAsync(Host.Webhook, review);
        Assert.True(status == 200, $"HTTP {status}: {body?.ToJsonString()}");
        return AdmissionReviews.Response(body, uid);
    }
}
