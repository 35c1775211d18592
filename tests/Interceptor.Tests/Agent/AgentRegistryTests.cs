using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Interceptor.Api;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>
/// The agent with its default transport: checkpoint images pushed to the real loopback registry of .ci/registry.sh
/// (skipped outside CI when it is not running, failed under CI), and registry faults recorded for the controller.
/// </summary>
public sealed class AgentRegistryTests : IAsyncLifetime
{
    private AgentWorld _world = null!;
    private SimulatedKubelet _kubelet = null!;

    public async Task InitializeAsync()
    {
        _world = await AgentWorld.StartAsync();
        _kubelet = await SimulatedKubelet.StartAsync(_world.CheckpointDirectory);
    }

    private static Dictionary<string, string?> Registry(Uri endpoint, string repository) => new()
    {
        ["Interceptor:Agent:Transport"] = RegistryCheckpointTransfer.TransportKind,
        ["Interceptor:Agent:Registry:Endpoint"] = endpoint.ToString(),
        ["Interceptor:Agent:Registry:Repository"] = repository,
        ["Interceptor:Agent:Registry:Compression"] = "zstd",
    };

    [RegistryFact]
    public async Task Every_container_becomes_an_image_pinned_by_digest_that_the_registry_serves_and_no_archive_stays_on_the_node()
    {
        var repository = TestRegistry.NewRepository("agent");
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app", "sidecar");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address, Registry(TestRegistry.Endpoint, repository));

        var settled = await _world.SettledAsync(migration, TimeSpan.FromSeconds(30));

        var condition = _world.Checkpointed(migration)!;
        Assert.True(condition.Status == PodMigrationConditions.True, $"{condition.Reason}: {condition.Message}");
        Assert.Equal(CheckpointReasons.CheckpointsPublished, condition.Reason);
        var registry = TestRegistry.Client();
        foreach (var entry in settled.Status!.Checkpoints!)
        {
            Assert.Equal((RegistryCheckpointTransfer.TransportKind, 1), (entry.Transport, entry.Attempt));
            Assert.Equal($"{TestRegistry.Endpoint.Authority}/{repository}@{entry.Digest}", entry.Image);
            Assert.Equal(entry.Image, entry.Reference);
            var (digest, manifest) = Assert.NotNull(await registry.GetManifestAsync(repository, entry.Digest!));
            Assert.Equal(entry.Digest, digest);
            Assert.Equal(entry.Container, CriONameOf(manifest));
        }

        Assert.Equal(["app", "sidecar"], settled.Status.Checkpoints!.Select(c => c.Container).Order());
        Assert.Empty(_world.ArchivesOnNode());
        Assert.Equal(settled.Status.Checkpoints!.Sum(c => c.SizeBytes!.Value), agent.Metrics.AgentBytesPublished.WithLabels(RegistryCheckpointTransfer.TransportKind).Value);
    }

    public static TheoryData<string, Func<AgentRegistryTests, Uri>> Faults => new()
    {
        { "nothing listens at the registry's address", _ => new Uri($"http://127.0.0.1:{UnusedPort()}/") },
        { "the registry answers 500 to everything, retries included", test => test.FailingRegistry() },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_registry_fault_is_recorded_as_TransferFailed_before_the_process_is_frozen(string because, Func<AgentRegistryTests, Uri> registry)
    {
        var migration = _world.AddMigration("web-0", _world.NodeName, MigrationPhases.Checkpointing, "app");
        await using var agent = await AgentHost.StartAsync(_world, _kubelet.Address, Registry(registry(this), "interceptor/checkpoints"));

        await _world.SettledAsync(migration, TimeSpan.FromSeconds(30));

        var condition = _world.Checkpointed(migration)!;
        Assert.True((PodMigrationConditions.False, CheckpointReasons.TransferFailed) == (condition.Status, condition.Reason), $"{because}: {condition.Reason}: {condition.Message}");
        // The agent asks the registry for an earlier copy first: a registry that is down fails the attempt before the
        // kubelet freezes the container for a checkpoint that could not be published anyway.
        Assert.Contains("registry transport could not", condition.Message, StringComparison.Ordinal);
        Assert.Equal(0, _kubelet.CallsFor("app"));
        Assert.Empty(_world.ArchivesOnNode());
        Assert.Equal(1, agent.Metrics.AgentCheckpointFailures.WithLabels(CheckpointReasons.TransferFailed).Value);
    }

    private WireMockServer? _failing;

    private Uri FailingRegistry()
    {
        _failing = WireMockServer.Start();
        _failing.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"errors":[{"code":"UNKNOWN","message":"storage is on fire"}]}"""));
        return new Uri(_failing.Url!);
    }

    // Bound and released at once: nothing listens there a moment later (a race accepted on loopback).
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? CriONameOf(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.GetProperty("annotations").GetProperty(CheckpointAnnotations.CriOName).GetString();
    }

    public async Task DisposeAsync()
    {
        _failing?.Stop();
        await _kubelet.DisposeAsync();
        await _world.DisposeAsync();
    }
}
