using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;
using Interceptor.Simulator.Faults;
using Interceptor.Tests.Support;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>
/// The agent role end to end: the real executable, the real KubernetesClient against the fake API server, a
/// simulated kubelet writing real archives, the shared-volume transport into a temp directory.
/// </summary>
public sealed class AgentEndToEndTests : IAsyncLifetime
{
    private AgentWorld _world = null!;
    private SimulatedKubelet _kubelet = null!;

    public async Task InitializeAsync()
    {
        _world = await AgentWorld.StartAsync();
        _kubelet = await SimulatedKubelet.StartAsync(_world.CheckpointDirectory);
    }

    [Fact]
    public async Task Every_container_is_checkpointed_published_and_recorded_and_no_archive_stays_on_the_node()
    {
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app", "sidecar");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address);

        var settled = await _world.SettledAsync(migration);

        var condition = _world.Checkpointed(migration)!;
        Assert.Equal((PodMigrationConditions.True, CheckpointReasons.CheckpointsPublished), (condition.Status, condition.Reason));
        Assert.Equal(settled.Metadata.Generation, condition.ObservedGeneration);
        var reader = new SharedVolumeCheckpointReader(_world.SharedVolume);
        foreach (var entry in settled.Status!.Checkpoints!)
        {
            Assert.Equal((SharedVolumeCheckpointTransfer.TransportKind, 1), (entry.Transport, entry.Attempt));
            Assert.Equal($"shop/{migration.Spec.PodUid}/{entry.Container}/attempt-1/checkpoint.tar", entry.Reference);
            Assert.Null(entry.Image);
            await reader.VerifyAsync(new PublishedCheckpoint(entry.Transport!, entry.Reference!, entry.Digest!, entry.SizeBytes!.Value), default);
        }

        Assert.Equal(2, _world.ArchivesOnVolume().Length);
        Assert.Empty(_world.ArchivesOnNode());
        Assert.Equal(["shop/web-0/app", "shop/web-0/sidecar"], _kubelet.Calls.Order());
        var reasons = (await _world.Cluster.EventsForAsync(settled.Metadata.Uid, events => events.Any(e => e.Reason == EventReasons.CheckpointsPublished)))
            .Select(e => e.Reason).ToList();
        Assert.Equal(2, reasons.Count(r => r == EventReasons.ContainerCheckpointed));
        Assert.Contains(EventReasons.CheckpointsPublished, reasons);
        Assert.Equal(settled.Status.Checkpoints!.Sum(c => c.SizeBytes!.Value), agent.Metrics.AgentBytesPublished.WithLabels("shared-volume").Value);
        Assert.Equal(2, agent.Metrics.AgentCheckpointDuration.WithLabels("succeeded").Count);
    }

    [Fact]
    public async Task After_a_restart_mid_way_the_agent_redoes_only_the_containers_not_recorded()
    {
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app", "sidecar");
        _kubelet.Hold("sidecar");
        PodMigration beforeRestart;
        await using (await AgentHost.StartAsync(_world, _kubelet.Address))
        {
            await Eventually.TrueAsync(() => _world.Get(migration).Status!.Checkpoints!.Any(c => c.Container == "app" && c.Reference is not null),
                TimeSpan.FromSeconds(10), "app was never recorded");
            beforeRestart = _world.Get(migration);
            Assert.Equal(1, _kubelet.CallsFor("sidecar"));
        }

        _kubelet.Release("sidecar");
        await using var restarted = await AgentHost.StartAsync(_world, _kubelet.Address);
        var settled = await _world.SettledAsync(migration);

        Assert.Equal(PodMigrationConditions.True, _world.Checkpointed(migration)!.Status);
        Assert.Equal(1, _kubelet.CallsFor("app"));
        Assert.Equal(2, _kubelet.CallsFor("sidecar"));
        var app = Assert.Single(settled.Status!.Checkpoints!, c => c.Container == "app");
        Assert.Equal(beforeRestart.Status!.Checkpoints!.Single(c => c.Container == "app").Digest, app.Digest);
        Assert.Empty(_world.ArchivesOnNode());
    }

    [Fact]
    public async Task A_hostile_archive_is_rejected_with_the_rule_it_broke_in_the_status_and_nothing_is_published()
    {
        _kubelet.WriteHostileArchiveFor("app");
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address);

        await _world.SettledAsync(migration);

        var condition = _world.Checkpointed(migration)!;
        Assert.Equal((PodMigrationConditions.False, CheckpointReasons.ArchiveRejected), (condition.Status, condition.Reason));
        Assert.Contains("rule ParentTraversal", condition.Message, StringComparison.Ordinal);
        Assert.Empty(_world.ArchivesOnVolume());
        Assert.Empty(_world.ArchivesOnNode());
        await _world.Cluster.EventsForAsync(migration.Metadata.Uid, events => events.Any(e => e.Reason == EventReasons.CheckpointFailed && e.Type == "Warning"));
        Assert.Equal(1, agent.Metrics.AgentCheckpointFailures.WithLabels(CheckpointReasons.ArchiveRejected).Value);
    }

    [Fact]
    public async Task Migrations_of_other_nodes_and_other_phases_are_left_alone_and_never_even_listed()
    {
        var elsewhere = _world.AddMigration("db-0", "node-b", MigrationPhases.Checkpointing, "db");
        var notYet = _world.AddMigration("cache-0", _world.NodeName, MigrationPhases.Preparing, "cache");
        var mine = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address);

        await _world.SettledAsync(mine);

        Assert.Equal(["shop/web-0/app"], _kubelet.Calls);
        Assert.Null(_world.Get(elsewhere).Status!.Conditions);
        Assert.Null(_world.Get(notYet).Status!.Conditions);
        var reads = _world.Cluster.Server.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/podmigrations", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Equal("spec.sourceNode=node-a", r.Query("fieldSelector")));
    }

    [Fact]
    public async Task A_conflicting_or_stale_status_patch_is_retried_on_the_newer_object_and_loses_nothing()
    {
        var conflicts = 0;
        // 409 when the object moved; 422 is what a JSON patch whose test operation no longer holds gets.
        using var fault = _world.Cluster.Server.Faults.Add(r =>
            r.Method == "PATCH" && r.Path.EndsWith("/status", StringComparison.Ordinal) && Interlocked.Increment(ref conflicts) <= 2
                ? conflicts == 1
                    ? Fault.Status(409, "the object has been modified; please apply your changes to the latest version and try again", "Conflict")
                    : Fault.Status(422, "the server rejected our request due to an error in our request", "Invalid")
                : null);
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app", "sidecar");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address);

        var settled = await _world.SettledAsync(migration);

        Assert.True(conflicts > 2, $"only {conflicts} status writes");
        Assert.All(settled.Status!.Checkpoints!, c => Assert.NotNull(c.Digest));
        Assert.Equal(1, _kubelet.CallsFor("app"));
        Assert.Equal(1, _kubelet.CallsFor("sidecar"));
    }

    public async Task DisposeAsync()
    {
        await _kubelet.DisposeAsync();
        await _world.DisposeAsync();
    }
}
