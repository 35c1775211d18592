using Interceptor.Api;
using Interceptor.Simulator.Nodes;
using Xunit;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// A failure injected at each phase of a real migration (real agents, registry, kubelets, controller): every one ends
/// RolledBack with its reason, the source pod still running where it was (its counter never restarted), and no
/// replacement left: never a lost pod, never two pods for one identity.
/// </summary>
public sealed class MigrationFailureTests
{
    public sealed record Scenario(
        string Reason,
        SimulatedNodeOptions? Source = null,
        SimulatedNodeOptions? Target = null,
        Dictionary<string, string?>? Controller = null,
        bool RegistryDown = false);

    public static TheoryData<string, Scenario> Failures => new()
    {
        { "the kubelet's checkpoint fails on the source node", new(MigrationReasons.CheckpointFailed,
            Source: MigrationWorld.Counting with { CheckpointFault = CheckpointFault.RuntimeError }) },
        { "the registry is down while the agent pushes", new(MigrationReasons.CheckpointFailed, RegistryDown: true) },
        { "no node is labelled restore-capable", new(MigrationReasons.NoRestoreCapableNode, Target: MigrationWorld.Counting) },
        { "the target's runtime has restore turned off (CRI-O checkpoint_only)", new(MigrationReasons.RestoreFailed,
            Target: MigrationWorld.RestoreCapable(MigrationWorld.Counting with { RestoreSupport = RestoreSupport.CheckpointOnly })) },
        { "the target's runtime reports no image digest, so the restore cannot be verified", new(MigrationReasons.RestoreUnverifiable,
            Target: MigrationWorld.RestoreCapable(MigrationWorld.Counting with { ReportsRepoDigest = false })) },
        { "the replacement never becomes Ready", new(MigrationReasons.ReplacementNotReady,
            Target: MigrationWorld.RestoreCapable(MigrationWorld.Counting with { ReadyDelay = TimeSpan.FromHours(1) }),
            Controller: new() { ["Interceptor:Controller:RestoreTimeout"] = "00:00:01" }) },
        { "the checkpoint outlasts the migration's deadline", new(MigrationReasons.DeadlineExceeded,
            Source: MigrationWorld.Counting with { CheckpointTimePerMiB = TimeSpan.FromSeconds(10) },
            Controller: new() { ["Interceptor:Controller:DeadlineBase"] = "00:00:01", ["Interceptor:Controller:DeadlinePerGiB"] = "00:00:00" }) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_rolls_back_and_the_source_keeps_running(string failure, Scenario scenario)
    {
        await using var world = await MigrationWorld.StartAsync(
            scenario.Source, scenario.Target is null ? null : new Dictionary<string, SimulatedNodeOptions> { ["node-b"] = scenario.Target },
            scenario.Controller, scenario.RegistryDown);
        var pod = await world.AddPodAsync("cache");
        var before = world.Process(MigrationWorld.Source, "cache")!;

        var done = await world.FinishedAsync(await world.MigrateAsync(pod), TimeSpan.FromSeconds(40));

        Assert.True(done.Status!.Phase == MigrationPhases.RolledBack && done.Status.Reason == scenario.Reason, $"{failure}: {world.Describe(done)}");
        var source = world.Pod("cache");
        Assert.True(source is { Metadata.DeletionTimestamp: null } && source.Metadata.Uid == pod.Metadata.Uid, $"{failure}: the source pod is gone");
        var after = world.Process(MigrationWorld.Source, "cache")!;
        Assert.Equal(before.InitialValue, after.InitialValue);
        Assert.True(after.ValueAt(DateTimeOffset.UtcNow) > before.ValueAt(DateTimeOffset.UtcNow) - 1, "the source's counter went back");
        if (done.Status.ReplacementPod is { } replacement)
        {
            await Support.Eventually.TrueAsync(() => world.Pod(replacement) is null, TimeSpan.FromSeconds(10), $"{failure}: the replacement {replacement} is still there");
        }
    }

    [Fact]
    public async Task A_failed_migration_of_an_evicted_pod_with_onFailure_Evict_lets_the_next_retry_evict_it_normally()
    {
        await using var world = await MigrationWorld.StartAsync(targets: new Dictionary<string, SimulatedNodeOptions> { ["node-b"] = MigrationWorld.Counting });
        var pod = await world.AddPodAsync("cache");

        var first = await world.ReviewEvictionAsync("cache");
        Assert.Equal(429, (int)first["status"]!["code"]!);
        var migration = world.Server.Store.List(Simulator.Resources.BuiltinResources.PodMigrations).Items
            .Select(o => k8s.KubernetesJson.Deserialize<PodMigration>(o.ToJsonString())).Single(m => m.Spec.PodUid == pod.Metadata.Uid);
        var done = await world.FinishedAsync(migration);

        Assert.True(done.Status!.Phase == MigrationPhases.RolledBack && done.Status.Reason == MigrationReasons.NoRestoreCapableNode, world.Describe(done));
        var retry = await world.ReviewEvictionAsync("cache");
        Assert.True((bool)retry["allowed"]!, retry.ToJsonString());
    }
}
