using Interceptor.Api;
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

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();
}
