using Interceptor.Api;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Nodes.Images;
using Interceptor.Simulator.Registry;
using Interceptor.Tests.Builders;
using Interceptor.Tests.Support;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>
/// The migration's data path end to end, minus the controller: the real agent role checkpoints a counter on a
/// simulated node through that node's own kubelet endpoint (TLS with the node's CA, bearer token), pushes the
/// checkpoint image to the embedded registry over HTTPS, and a pod on another simulated node whose image is the
/// recorded <c>status.checkpoints[].image</c> restores the counter where it was.
/// </summary>
public sealed class AgentSimulatedNodeTests : IAsyncLifetime
{
    private const string Repository = "interceptor/checkpoints";
    private static readonly SimulatedNodeOptions Counting = new() { CounterInterval = TimeSpan.FromMilliseconds(5) };

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("interceptor-agent-nodes-");
    private AgentWorld _world = null!;
    private EmbeddedRegistry _registry = null!;
    private RegistryCheckpointImages _images = null!;
    private string _registryCa = null!;

    public async Task InitializeAsync()
    {
        _world = await AgentWorld.StartAsync();
        _registry = await EmbeddedRegistry.StartAsync();
        _registryCa = Path.Combine(_scratch.FullName, "registry-ca.crt");
        await File.WriteAllTextAsync(_registryCa, _registry.CertificateAuthority!.ExportCertificatePem());
        _images = new RegistryCheckpointImages(new RegistryOptions { Endpoint = _registry.BaseAddress, CertificateAuthorityPath = _registryCa });
        _world.Cluster.Server.Nodes.Images = _images;
    }

    [Fact]
    public async Task The_agent_checkpoints_a_counter_on_its_node_into_the_registry_and_the_image_restores_it_on_another_node()
    {
        var source = await _world.Cluster.Server.Nodes.AddAsync(_world.NodeName, Counting);
        var target = await _world.Cluster.Server.Nodes.AddAsync("node-b", Counting);
        var pod = await _world.Cluster.AddPodAsync(TestPods.Pod("counter", TestPods.OnNode(source.Name), TestPods.InPhase("Pending")));
        await CounterAtLeastAsync(source, "counter", 50);
        var migration = _world.AddMigration("counter", pod.Metadata.Uid, source.Name, MigrationPhases.Checkpointing, [new ContainerCheckpoint { Container = "app" }]);

        await using (await AgentHost.StartAsync(_world, source.KubeletEndpoint, AgentSettings(source)))
        {
            await _world.SettledAsync(migration, TimeSpan.FromSeconds(30));
        }

        var condition = _world.Checkpointed(migration)!;
        Assert.True(condition.Status == PodMigrationConditions.True, $"{condition.Reason}: {condition.Message}");
        var checkpointedAt = source.ReadCounter(TestPods.Namespace, "counter", "app")!.ValueAt(DateTimeOffset.UtcNow);
        var image = _world.Get(migration).Status!.Checkpoints!.Single().Image!;
        Assert.StartsWith($"{_registry.Host}/{Repository}@sha256:", image, StringComparison.Ordinal);

        await _world.Cluster.AddPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode(target.Name), TestPods.InPhase("Pending"),
            p => p.Spec.Containers[0].Image = image));
        await CounterAtLeastAsync(target, "counter-restored", 1);

        var restored = target.ReadCounter(TestPods.Namespace, "counter-restored", "app")!;
        Assert.True(restored.Restored, "the replacement was a cold start");
        Assert.InRange(restored.InitialValue, 50, checkpointedAt);
        Assert.Empty(Directory.GetFiles(source.CheckpointDirectory));
    }

    // The node's own kubelet endpoint and credentials, as the agent's DaemonSet would mount them; the registry over HTTPS.
    private Dictionary<string, string?> AgentSettings(SimulatedNode node)
    {
        var kubelet = node.WriteClientOptions(_scratch.FullName);
        return new()
        {
            ["Interceptor:Agent:KubeletCertificateAuthorityPath"] = kubelet.CertificateAuthorityPath,
            ["Interceptor:Agent:TokenPath"] = kubelet.TokenPath,
            ["Interceptor:Agent:KubeletCheckpointDirectory"] = node.CheckpointDirectory,
            ["Interceptor:Agent:LocalCheckpointDirectory"] = node.CheckpointDirectory,
            ["Interceptor:Agent:Transport"] = RegistryCheckpointTransfer.TransportKind,
            ["Interceptor:Agent:Registry:Endpoint"] = _registry.BaseAddress.ToString(),
            ["Interceptor:Agent:Registry:CertificateAuthorityPath"] = _registryCa,
            ["Interceptor:Agent:Registry:Repository"] = Repository,
        };
    }

    private static Task CounterAtLeastAsync(SimulatedNode node, string pod, long value) =>
        Eventually.TrueAsync(() => node.ReadCounter(TestPods.Namespace, pod, "app")?.ValueAt(DateTimeOffset.UtcNow) >= value,
            TimeSpan.FromSeconds(15), $"the counter of {pod} on {node.Name} never reached {value}");

    public async Task DisposeAsync()
    {
        _images.Dispose();
        await _registry.DisposeAsync();
        await _world.DisposeAsync();
        _scratch.Delete(recursive: true);
    }
}
