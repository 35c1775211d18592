using Interceptor.Api;
using Interceptor.Simulator.Nodes;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// Withdrawing a migration before its commit point, as an operator would: deleting the PodMigration, or uncordoning the
/// node of an eviction. The source serves again and nothing of the migration is left behind.
/// </summary>
public sealed class MigrationCancellationTests
{
    // A slow dump, so the migration is still before its commit point when it is withdrawn.
    private static readonly SimulatedNodeOptions SlowSource = MigrationWorld.Counting with { CheckpointTimePerMiB = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task Deleting_the_PodMigration_before_the_commit_point_rolls_back_then_lets_the_object_go()
    {
        await using var world = await MigrationWorld.StartAsync(SlowSource);
        var pod = await world.AddPodAsync("cache");
        var migration = await world.MigrateAsync(pod);
        await Eventually.TrueAsync(() => world.Get(migration)?.Status?.Phase == MigrationPhases.Checkpointing, TimeSpan.FromSeconds(15), world.Describe(migration));

        await world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(PodMigration.Group, PodMigration.Version,
            migration.Metadata.NamespaceProperty, PodMigration.Plural, migration.Metadata.Name);

        await Eventually.TrueAsync(() => world.Get(migration) is null, TimeSpan.FromSeconds(20), "the PodMigration was never let go: " + world.Describe(migration));
        AssertSourceServesAlone(world, pod);
        Assert.Contains(world.EventsFor(pod.Metadata.Uid), e => e.Reason == Diagnostics.MigrationEventReasons.MigrationRollingBack && e.Message.Contains(MigrationReasons.MigrationDeleted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uncordoning_the_node_of_an_eviction_before_the_commit_point_rolls_back()
    {
        await using var world = await MigrationWorld.StartAsync(SlowSource);
        var pod = await world.AddPodAsync("cache");
        await CordonAsync(world, true);
        var migration = await world.MigrateAsync(pod, trigger: MigrationTriggers.Eviction);
        await Eventually.TrueAsync(() => world.Get(migration)?.Status?.Phase == MigrationPhases.Checkpointing, TimeSpan.FromSeconds(15), world.Describe(migration));

        await CordonAsync(world, false);

        var done = await world.FinishedAsync(migration);
        Assert.True(done.Status!.Phase == MigrationPhases.RolledBack && done.Status.Reason == MigrationReasons.NodeUncordoned, world.Describe(done));
        AssertSourceServesAlone(world, pod);
    }

    private static Task CordonAsync(MigrationWorld world, bool cordoned) =>
        world.Client.CoreV1.PatchNodeAsync(new V1Patch($"{{\"spec\":{{\"unschedulable\":{(cordoned ? "true" : "false")}}}}}", V1Patch.PatchType.MergePatch), MigrationWorld.Source);

    /// <summary>The source is the same pod, not terminating; no replacement of it exists.</summary>
    private static void AssertSourceServesAlone(MigrationWorld world, V1Pod pod)
    {
        var source = world.Pod("cache");
        Assert.True(source is { Metadata.DeletionTimestamp: null } && source.Metadata.Uid == pod.Metadata.Uid, "the source pod is gone");
        var replacements = world.Server.Store.List(Simulator.Resources.BuiltinResources.Pods).Items
            .Where(p => p["metadata"]?["annotations"]?[Annotations.RestoredFrom] is not null && p["metadata"]?["deletionTimestamp"] is null);
        Assert.Empty(replacements);
    }
}
