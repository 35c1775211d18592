using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Tests.Support;
using Xunit;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// The controller process killed (SIGKILL) while a migration is in each phase, then started again; and two replicas, of
/// which only the leader acts and whose death hands over within the Lease duration. Every migration still ends
/// Succeeded or RolledBack, with exactly one pod serving the identity and the counter carried over.
/// </summary>
public sealed class ControllerCrashTests
{
    // Slow enough steps that each phase can be caught and the process killed in it.
    private static readonly SimulatedNodeOptions SlowSource = MigrationWorld.Counting with { CheckpointTimePerMiB = TimeSpan.FromMilliseconds(1500) };
    private static readonly SimulatedNodeOptions SlowTarget = MigrationWorld.RestoreCapable(MigrationWorld.Counting with
    {
        RestoreDelay = TimeSpan.FromMilliseconds(800), ReadyDelay = TimeSpan.FromMilliseconds(800),
    });

    public static TheoryData<string> Phases => new()
    {
        MigrationPhases.Preparing, MigrationPhases.Checkpointing, MigrationPhases.Transferring, MigrationPhases.Restoring, MigrationPhases.Committing,
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_controller_killed_in_a_phase_resumes_after_restart_and_the_migration_ends_cleanly(string phase)
    {
        await using var world = await MigrationWorld.StartAsync(SlowSource, new Dictionary<string, SimulatedNodeOptions> { ["node-b"] = SlowTarget }, startInterceptor: false);
        var pod = await world.AddPodAsync("cache");
        var migration = await world.MigrateAsync(pod);
        using (var first = ControllerProcess.Start(world, "first"))
        {
            await Eventually.TrueAsync(() => Reached(world, migration, phase), TimeSpan.FromSeconds(30), $"never saw {phase}: {world.Describe(migration)}\n{first.Output}");
            first.Kill();
        }

        using var second = ControllerProcess.Start(world, "second");
        var done = await world.FinishedAsync(migration, TimeSpan.FromSeconds(45));

        Assert.True(done.Status!.Phase == MigrationPhases.Succeeded, $"killed in {phase}: {world.Describe(done)}\n{second.Output}");
        AssertOneServingPod(world, done);
    }

    [Fact]
    public async Task Only_the_leader_acts_and_killing_it_hands_over_within_the_lease_duration()
    {
        await using var world = await MigrationWorld.StartAsync(SlowSource, new Dictionary<string, SimulatedNodeOptions> { ["node-b"] = SlowTarget }, startInterceptor: false);
        using var a = ControllerProcess.Start(world, "replica-a");
        using var b = ControllerProcess.Start(world, "replica-b");
        await Eventually.TrueAsync(() => Holder(world) is not null, TimeSpan.FromSeconds(20), "nobody took the Lease");
        var leader = Holder(world) == a.Identity ? a : b;
        var follower = leader == a ? b : a;

        var pod = await world.AddPodAsync("cache");
        var migration = await world.MigrateAsync(pod);
        await Eventually.TrueAsync(() => Reached(world, migration, MigrationPhases.Checkpointing), TimeSpan.FromSeconds(20), world.Describe(migration));
        Assert.DoesNotContain("Controller " + follower.Identity + " leads", follower.Output, StringComparison.Ordinal);
        var killedAt = DateTimeOffset.UtcNow;
        leader.Kill();

        await Eventually.TrueAsync(() => Holder(world) == follower.Identity, TimeSpan.FromSeconds(15), $"the Lease was not handed over: {Holder(world)}");
        var handover = DateTimeOffset.UtcNow - killedAt;
        var done = await world.FinishedAsync(migration, TimeSpan.FromSeconds(45));

        Assert.True(handover < TimeSpan.FromSeconds(3 + 2), $"handover took {handover}");
        Assert.True(done.Status!.Phase == MigrationPhases.Succeeded, world.Describe(done) + "\n" + follower.Output);
        AssertOneServingPod(world, done);
    }

    private static bool Reached(MigrationWorld world, PodMigration migration, string phase) =>
        world.Get(migration)?.Status?.PhaseHistory?.Any(p => p.Phase == phase) == true;

    private static string? Holder(MigrationWorld world) =>
        world.Server.Store.TryGet(BuiltinResources.Leases, "default", "interceptor-controller") is JsonObject lease
            ? lease["spec"]?["holderIdentity"]?.GetValue<string>()
            : null;

    /// <summary>The source is gone, the replacement runs on the target from the checkpoint, and nothing else of the identity exists.</summary>
    private static void AssertOneServingPod(MigrationWorld world, PodMigration done)
    {
        Assert.Null(world.Pod("cache"));
        var replacement = done.Status!.ReplacementPod!;
        Assert.NotNull(world.Pod(replacement));
        var restored = world.Process("node-b", replacement)!;
        Assert.True(restored.Restored && restored.InitialValue >= 20, $"restored {restored.Restored} at {restored.InitialValue}");
        var pods = world.Server.Store.List(BuiltinResources.Pods).Items.Where(p => p["metadata"]?["annotations"]?[Annotations.RestoredFrom] is not null).ToList();
        Assert.Single(pods);
    }
}
