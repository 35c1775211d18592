using Interceptor.Api;
using Interceptor.Diagnostics;
using Xunit;

namespace Interceptor.Tests.Controllers;

/// <summary>An explicit PodMigration of a bare pod, end to end on the simulated cluster with the real agents and controller.</summary>
public sealed class BareMigrationTests : IAsyncLifetime
{
    private MigrationWorld _world = null!;

    public async Task InitializeAsync() => _world = await MigrationWorld.StartAsync();

    [Fact]
    public async Task A_bare_pod_moves_to_the_target_and_its_counter_continues_from_the_checkpoint()
    {
        var pod = await _world.AddPodAsync("cache");
        var migration = await _world.MigrateAsync(pod);

        var done = await _world.FinishedAsync(migration);

        Assert.True(done.Status!.Phase == MigrationPhases.Succeeded, _world.Describe(migration));
        Assert.Equal("node-b", done.Status.TargetNode);
        var replacement = done.Status.ReplacementPod!;
        var restored = _world.Process("node-b", replacement)!;
        Assert.True(restored.Restored, "the replacement started cold");
        Assert.True(restored.InitialValue >= 20, $"restored at {restored.InitialValue}");
        Assert.Null(_world.Pod("cache"));
        Assert.NotNull(done.Status.DowntimeSeconds);
    }

    [Fact]
    public async Task A_finished_migration_deletes_its_checkpoint_images_and_tells_the_pod_and_the_migration_each_step()
    {
        var pod = await _world.AddPodAsync("cache");
        var migration = await _world.MigrateAsync(pod);
        var done = await _world.FinishedAsync(migration);
        var image = done.Status!.Checkpoints!.Single().Image!;

        await Support.Eventually.TrueAsync(() => _world.Get(migration)?.Status?.Conditions?.Any(c => c.Type == PodMigrationConditions.CheckpointsDeleted) == true,
            TimeSpan.FromSeconds(10), "the checkpoint images were never cleaned up");
        var deleted = _world.Get(migration)!.Status!.Conditions!.Single(c => c.Type == PodMigrationConditions.CheckpointsDeleted);
        Assert.True(deleted.Status == "True", $"{deleted.Reason}: {deleted.Message}");
        Assert.False(await _world.ImageExistsAsync(image), $"{image} is still in the registry: it holds the pod's memory");

        string[] steps = [MigrationEventReasons.MigrationAdmitted, MigrationEventReasons.TargetSelected, MigrationEventReasons.TrafficOff,
            MigrationEventReasons.CheckpointsVerified, MigrationEventReasons.ReplacementCreated, MigrationEventReasons.MigrationCommitted,
            MigrationEventReasons.SourceDeleted, MigrationEventReasons.MigrationSucceeded];
        await Support.Eventually.TrueAsync(() => steps.All(r => _world.EventsFor(pod.Metadata.Uid).Any(e => e.Reason == r)), TimeSpan.FromSeconds(10),
            "the pod did not get an Event for every step: " + string.Join(", ", _world.EventsFor(pod.Metadata.Uid).Select(e => e.Reason)));
        Assert.All(steps, r => Assert.Contains(_world.EventsFor(done.Metadata.Uid), e => e.Reason == r));
    }

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();
}
