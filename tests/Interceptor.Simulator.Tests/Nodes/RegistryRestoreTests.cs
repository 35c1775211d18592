using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Nodes.Images;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>
/// A kubelet resolving pod images through <see cref="RegistryCheckpointImages"/> on the embedded registry: a counter
/// checkpointed on node-a through the real kubelet client, published with the real <see cref="RegistryCheckpointTransfer"/>,
/// restored on node-b from the digest-pinned reference; ordinary and broken images next to it.
/// </summary>
public sealed class RegistryRestoreTests : CheckpointTest, IAsyncLifetime
{
    private const string Repository = "interceptor/checkpoints";
    private static readonly SimulatedNodeOptions Counting = new() { CounterInterval = TimeSpan.FromMilliseconds(5) };

    private EmbeddedRegistry _registry = null!;
    private RegistryOptions _registryOptions = null!;
    private RegistryCheckpointImages _images = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _registry = await EmbeddedRegistry.StartAsync();
        var caPath = Path.Combine(Scratch, "registry-ca.crt");
        await File.WriteAllTextAsync(caPath, _registry.CertificateAuthority!.ExportCertificatePem());
        _registryOptions = new RegistryOptions { Endpoint = _registry.BaseAddress, CertificateAuthorityPath = caPath, ChunkSizeBytes = 64 * 1024 };
        _images = new RegistryCheckpointImages(_registryOptions);
        Server.Nodes.Images = _images;
    }

    public static TheoryData<LayerCompression> Compressions => [LayerCompression.None, LayerCompression.Gzip, LayerCompression.Zstd];

    [Theory]
    [MemberData(nameof(Compressions))]
    public async Task A_counter_published_as_a_checkpoint_image_restores_at_k_on_another_node_and_an_ordinary_image_starts_at_0(LayerCompression compression)
    {
        var source = await Server.Nodes.AddAsync("node-a", Counting);
        await Server.Nodes.AddAsync("node-b", Counting);
        var pod = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("counter");
        await WaitForCounterAsync(source, "counter", atLeast: 50);

        var kubelet = source.WriteClientOptions(Scratch) with { MaxAttempts = 1 };
        using var kubeletHttp = KubeletHttpClient.Create(kubelet);
        var checkpoint = await new KubeletCheckpointClient(kubeletHttp, kubelet).CheckpointAsync(App("counter"), TimeSpan.FromSeconds(30));
        var k = await CheckpointedCounterAsync(checkpoint.ArchivePath) ?? throw new Xunit.Sdk.XunitException("no counter in the archive");
        var published = await PublishAsync(checkpoint.ArchivePath, pod, compression);
        Assert.Equal($"{_registry.Host}/{Repository}@{published.Digest}", published.Reference);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(published.Reference)), TestPods.Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-cold", TestPods.OnNode("node-b")), TestPods.Namespace);
        await WaitForReadyAsync("counter-restored");
        await WaitForReadyAsync("counter-cold");

        var target = Server.Nodes["node-b"];
        var restored = target.ReadCounter(TestPods.Namespace, "counter-restored", "app")!;
        Assert.True(restored.Restored);
        Assert.Equal(k, restored.InitialValue);
        await WaitForCounterAsync(target, "counter-restored", atLeast: k + 10);
        var cold = target.ReadCounter(TestPods.Namespace, "counter-cold", "app")!;
        Assert.False(cold.Restored);
        Assert.Equal(0, cold.InitialValue);
    }

    [Fact]
    public async Task An_image_on_the_registry_without_the_checkpoint_annotation_is_an_ordinary_image_and_starts_cold()
    {
        await Server.Nodes.AddAsync("node-b", Counting);
        var reference = await PushImageAsync(new byte[1024], annotations: []);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("plain", TestPods.OnNode("node-b"), WithImage(reference)), TestPods.Namespace);
        await WaitForReadyAsync("plain");

        var counter = Server.Nodes["node-b"].ReadCounter(TestPods.Namespace, "plain", "app")!;
        Assert.False(counter.Restored);
        Assert.Equal(0, counter.InitialValue);
    }

    public static TheoryData<string, Func<RegistryRestoreTests, Task<string>>> BrokenImages => new()
    {
        { "a checkpoint-annotated image whose layer is not a checkpoint archive", t => t.PushImageAsync(new byte[4096], [new(CheckpointAnnotations.CriOName, "app")]) },
        { "a digest the registry does not hold", t => Task.FromResult($"{t._registry.Host}/{Repository}@{OciDigest.Of([1, 2, 3])}") },
    };

    [Theory]
    [MemberData(nameof(BrokenImages))]
    public async Task A_checkpoint_image_the_kubelet_cannot_restore_leaves_the_container_in_CreateContainerError(string because, Func<RegistryRestoreTests, Task<string>> image)
    {
        await Server.Nodes.AddAsync("node-b");
        var reference = await image(this);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("broken", TestPods.OnNode("node-b"), WithImage(reference)), TestPods.Namespace);

        var pod = await WaitForPodAsync("broken", p => p.Status?.ContainerStatuses?.Single().State.Waiting?.Reason == "CreateContainerError", "CreateContainerError");
        Assert.True(pod.Status.Phase == "Pending", because);
        Assert.StartsWith($"failed to restore container from checkpoint image {reference}", pod.Status.ContainerStatuses.Single().State.Waiting.Message);
    }

    [Fact]
    public async Task A_reference_naming_another_registry_is_not_resolved_here()
    {
        Assert.Null(await _images.OpenAsync($"other.example:5000/{Repository}@{OciDigest.Of([1])}", CancellationToken.None));
        Assert.Null(await _images.OpenAsync("busybox", CancellationToken.None));
    }

    private async Task<PublishedCheckpoint> PublishAsync(string archivePath, V1Pod pod, LayerCompression compression)
    {
        using var http = RegistryHttpClient.Create(_registryOptions);
        var client = new RegistryClient(http, _registryOptions);
        var transfer = new RegistryCheckpointTransfer(client, new CheckpointImageBuilder(client, new CheckpointImageOptions { Compression = compression }),
            new RegistryTransferOptions { Repository = Repository });
        var destination = new CheckpointDestination(TestPods.Namespace, pod.Metadata.Name, pod.Metadata.Uid, "app", 1);
        return await transfer.PublishAsync(new CheckpointPublication(archivePath, destination), CancellationToken.None);
    }

    /// <summary>An OCI image of one uncompressed layer holding <paramref name="layer"/>, pushed with the project's registry client.</summary>
    private async Task<string> PushImageAsync(byte[] layer, KeyValuePair<string, string>[] annotations)
    {
        using var http = RegistryHttpClient.Create(_registryOptions);
        var client = new RegistryClient(http, _registryOptions);
        var layerDescriptor = await client.PushBlobAsync(Repository, layer, OciMediaTypes.Layer);
        var config = OciImageLayout.Config(OciDigest.Of(layer), "amd64", created: null);
        var configDescriptor = await client.PushBlobAsync(Repository, config, OciMediaTypes.ImageConfig);
        var digest = await client.PutManifestAsync(Repository, "plain", OciImageLayout.Manifest(configDescriptor, layerDescriptor, annotations), OciMediaTypes.ImageManifest);
        return $"{_registry.Host}/{Repository}@{digest}";
    }

    private static async Task WaitForCounterAsync(SimulatedNode node, string pod, long atLeast)
    {
        using var deadline = Deadline();
        while ((node.ReadCounter(TestPods.Namespace, pod, "app")?.ValueAt(DateTimeOffset.UtcNow) ?? 0) < atLeast)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _images.Dispose();
        await _registry.DisposeAsync();
    }
}
