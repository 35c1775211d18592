using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Kube;
using Interceptor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// A pod's PodMigrations are found by the pod's UID (spec.podUID), whatever they are named: one a user created for
/// the pod answers its evictions, and the webhook never creates a second.
/// </summary>
public sealed class MigrationByPodUidTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private FakeCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_PodMigration_a_user_created_under_another_name_without_the_label_answers_and_no_second_is_created()
    {
        var pod = await Cluster.AddPodAsync(Pod("user-moved", OptedIn()));
        await Cluster.AddMigrationAsync(pod, MigrationPhases.Checkpointing, FailurePolicies.Evict, name: "move-it-please");
        await CachedAsync(pod.Metadata.Uid);
        var creates = Cluster.CountRequests("POST", "/podmigrations");

        var response = await EvictAsync("user-moved");

        Assert.False((bool)response["allowed"]!);
        Assert.Contains($"live migration {Namespace}/move-it-please is Checkpointing", (string)response["status"]!["message"]!);
        Assert.Equal("move-it-please", Assert.Single(Cluster.MigrationsFor(pod.Metadata.Uid)).Metadata.Name);
        Assert.Equal(creates, Cluster.CountRequests("POST", "/podmigrations"));
    }

    [Fact]
    public async Task A_migration_in_progress_is_preferred_over_a_finished_one_of_the_same_pod()
    {
        var pod = await Cluster.AddPodAsync(Pod("twice", OptedIn()));
        await Cluster.AddMigrationAsync(pod, MigrationPhases.Failed, FailurePolicies.Evict);
        await Cluster.AddMigrationAsync(pod, MigrationPhases.Transferring, FailurePolicies.Evict, name: "twice-again");
        await CachedAsync(pod.Metadata.Uid, count: 2);

        var response = await EvictAsync("twice");

        Assert.False((bool)response["allowed"]!);
        Assert.Contains($"live migration {Namespace}/twice-again is Transferring", (string)response["status"]!["message"]!);
    }

    private Task CachedAsync(string podUid, int count = 1)
    {
        var caches = fixture.Host.Services.GetRequiredService<ClusterCaches>();
        return Eventually.TrueAsync(() => caches.Migrations.Find(Namespace, podUid).Count == count, TimeSpan.FromSeconds(10), "the migration cache never saw them");
    }

    private async Task<JsonNode> EvictAsync(string pod)
    {
        var uid = Guid.NewGuid().ToString();
        var (_, body) = await AdmissionReviews.PostAsync(fixture.Host.Webhook, AdmissionReviews.Eviction(Namespace, pod, uid));
        return AdmissionReviews.Response(body, uid);
    }
}
