using Interceptor.Api;
using Interceptor.Diagnostics;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>Kubelet faults (WireMock) end up in the status as a failure the controller can roll back on, and leave no archive.</summary>
public sealed class AgentKubeletFaultTests : IAsyncLifetime
{
    private AgentWorld _world = null!;
    private WireMockServer _kubelet = null!;

    public async Task InitializeAsync()
    {
        _world = await AgentWorld.StartAsync();
        _kubelet = WireMockServer.Start();
    }

    // The checkpoint timeout bounds the whole kubelet call, the client's retries and backoff included.
    public static TheoryData<string, Func<IResponseBuilder, IResponseBuilder>, string, string> Faults => new()
    {
        {
            "the runtime failed the dump (500), retried by the client, then recorded",
            r => r.WithStatusCode(500).WithBody("checkpointing of shop/web-0/app failed (rpc error: code = Unknown desc = CRIU dump failed)"),
            CheckpointReasons.Kubelet(Checkpoint.Kubelet.KubeletFailureKind.RuntimeFailed),
            "00:00:10"
        },
        {
            "the kubelet did not answer within the checkpoint timeout",
            r => r.WithStatusCode(200).WithBody("""{"items":[]}""").WithDelay(TimeSpan.FromSeconds(8)),
            CheckpointReasons.Kubelet(Checkpoint.Kubelet.KubeletFailureKind.Timeout),
            "00:00:01"
        },
        {
            "the service account may not checkpoint (403)",
            r => r.WithStatusCode(403).WithBody("Forbidden (user=system:serviceaccount:interceptor-system:interceptor-agent, verb=create, resource=nodes, subresource=checkpoint)"),
            CheckpointReasons.Kubelet(Checkpoint.Kubelet.KubeletFailureKind.Unauthorized),
            "00:00:01"
        },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_kubelet_failure_is_recorded_as_a_failed_condition_with_archives_cleaned(string because, Func<IResponseBuilder, IResponseBuilder> fault, string reason, string checkpointTimeout)
    {
        _kubelet.Given(Request.Create().WithPath("/checkpoint/shop/web-0/app").UsingPost()).RespondWith(fault(Response.Create()));
        // What an earlier, failed dump of this container left behind (the kubelet never removes archives).
        var orphan = Path.Combine(_world.CheckpointDirectory, "checkpoint-web-0_shop-app-2026-11-22T10:00:00Z.tar");
        await File.WriteAllTextAsync(orphan, "half a dump");
        var unrelated = Path.Combine(_world.CheckpointDirectory, "checkpoint-web-0_shop-app-sidecar-2026-11-22T10:00:00Z.tar");
        await File.WriteAllTextAsync(unrelated, "another container's");
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app");
        await using var agent = await AgentHost.StartAsync(_world, new Uri(_kubelet.Url!), new Dictionary<string, string?>
        {
            ["Interceptor:Agent:CheckpointTimeout"] = checkpointTimeout,
            ["Interceptor:Agent:KubeletTimeoutMargin"] = "00:00:00.500",
        });

        await _world.SettledAsync(migration, TimeSpan.FromSeconds(20));

        var condition = _world.Checkpointed(migration)!;
        Assert.True((PodMigrationConditions.False, reason) == (condition.Status, condition.Reason), $"{because}: {condition.Status} {condition.Reason} {condition.Message}");
        Assert.Equal(1, condition.ObservedGeneration);
        Assert.False(File.Exists(orphan), "the orphaned archive of the container stayed on the node");
        Assert.True(File.Exists(unrelated), "an archive of another container was removed");
        Assert.Empty(_world.ArchivesOnVolume());
        await _world.Cluster.EventsForAsync(migration.Metadata.Uid, events =>
            events.Any(e => e.Reason == EventReasons.CheckpointFailed && e.Message.Contains(reason, StringComparison.Ordinal)));
        Assert.Equal(1, agent.Metrics.AgentCheckpointFailures.WithLabels(reason).Value);
        Assert.Equal(1, agent.Metrics.AgentCheckpointDuration.WithLabels("failed").Count);
    }

    public async Task DisposeAsync()
    {
        _kubelet.Stop();
        _kubelet.Dispose();
        await _world.DisposeAsync();
    }
}
