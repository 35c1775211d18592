using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// The releases an <c>onFailure: Block</c> denial names, done exactly as its message words them, against the real
/// webhook and the real controller: a migration that really failed (no restore-capable node), then the operator's act,
/// then the drain's next retry goes through, and no second PodMigration is ever created.
/// </summary>
public sealed partial class BlockReleaseTests
{
    [Fact]
    public async Task Deleting_the_PodMigration_as_the_denial_says_lets_the_next_retry_through()
    {
        await using var world = await BlockedWorldAsync();
        var (pod, migration, message) = await BlockAsync(world, "held");
        Assert.Contains("delete the PodMigration", message);

        // kubectl delete podmigration <name>: the name the message gives.
        await world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(PodMigration.Group, PodMigration.Version, Namespace, PodMigration.Plural, migration);

        await Eventually.TrueAsync(() => world.Pod("held")?.Metadata.Annotation(Annotations.Release) == migration, TimeSpan.FromSeconds(10), "the release was never written on the pod");
        await Eventually.TrueAsync(() => world.Get(new PodMigration { Metadata = new V1ObjectMeta { Name = migration, NamespaceProperty = Namespace } }) is null,
            TimeSpan.FromSeconds(10), "the deleted PodMigration stayed");
        await RetriedUntilAllowedAsync(world, "held");
        Assert.Equal(1, world.Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/podmigrations", StringComparison.Ordinal)));
        Assert.Empty(MigrationsOf(world, pod.Metadata.Uid));
    }

    [Fact]
    public async Task Setting_spec_onFailure_to_Evict_as_the_denial_says_lets_the_next_retry_through()
    {
        await using var world = await BlockedWorldAsync();
        var (pod, migration, message) = await BlockAsync(world, "held-too");
        Assert.Contains($"set its spec.onFailure to {FailurePolicies.Evict}", message);

        var patch = new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["onFailure"] = FailurePolicies.Evict } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        await world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, PodMigration.Group, PodMigration.Version, Namespace, PodMigration.Plural, migration);

        await RetriedUntilAllowedAsync(world, "held-too");
        Assert.Single(MigrationsOf(world, pod.Metadata.Uid));
    }

    /// <summary>No node can restore: every migration fails at once, and rolls back.</summary>
    private static Task<MigrationWorld> BlockedWorldAsync() =>
        MigrationWorld.StartAsync(targets: new Dictionary<string, Simulator.Nodes.SimulatedNodeOptions> { ["node-b"] = MigrationWorld.Counting });

    /// <returns>The pod, the PodMigration's name as the denial gives it, and the denial.</returns>
    private static async Task<(V1Pod Pod, string Migration, string Message)> BlockAsync(MigrationWorld world, string name)
    {
        var pod = await world.AddPodAsync(name, OnFailure(FailurePolicies.Block));
        var first = await EvictAsync(world, name);
        Assert.StartsWith(EvictionMessages.EvacuationPrefix, (string)first["status"]!["message"]!);
        var created = Assert.Single(MigrationsOf(world, pod.Metadata.Uid));
        await world.FinishedAsync(created, TimeSpan.FromSeconds(30));

        var denial = await EvictAsync(world, name);
        var message = (string)denial["status"]!["message"]!;
        Assert.False((bool)denial["allowed"]!);
        Assert.StartsWith("Eviction blocked", message);
        var named = NamedMigration().Match(message);
        Assert.True(named.Success, message);
        Assert.Equal(Namespace, named.Groups["ns"].Value);
        return (pod, named.Groups["name"].Value, message);
    }

    private static IReadOnlyList<PodMigration> MigrationsOf(MigrationWorld world, string podUid) =>
        [.. world.Server.Store.List(Simulator.Resources.BuiltinResources.PodMigrations).Items
            .Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString()))
            .Where(m => m.Spec.PodUid == podUid)];

    /// <summary>As a drain retries (every 5 s; faster here): a denial may come from a cache a moment behind the operator's act.</summary>
    private static async Task RetriedUntilAllowedAsync(MigrationWorld world, string pod)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonNode answer;
        while (!(bool)(answer = await EvictAsync(world, pod))["allowed"]! && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True((bool)answer["allowed"]!, answer.ToJsonString());
    }

    private static Task<JsonNode> EvictAsync(MigrationWorld world, string pod) => world.ReviewEvictionAsync(pod);

    [GeneratedRegex(@"live migration (?<ns>[^/ ]+)/(?<name>[^ ]+) of pod")]
    private static partial Regex NamedMigration();
}
