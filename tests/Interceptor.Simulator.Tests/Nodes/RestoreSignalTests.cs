using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>
/// The simulated kubelet shows what the real runtimes show (docs/design/20261206-restore-verification.md): a restored
/// container reports its base image, not the checkpoint image; a cold one reports its own image; a node whose
/// restore is off (CRI-O checkpoint_only) creates a checkpoint image as an ordinary, command-less image and fails.
/// </summary>
public sealed class RestoreSignalTests : CheckpointTest
{
    private const string CheckpointImage = "registry.example/checkpoints/counter@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly SimulatedNodeOptions CheckpointOnly = new() { RestoreSupport = RestoreSupport.CheckpointOnly };

    [Fact]
    public async Task A_restored_container_reports_the_source_containers_image_and_imageID_not_the_checkpoint_image()
    {
        await CheckpointOfReadyPodAsync();
        await Server.Nodes.AddAsync("node-b");

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(CheckpointImage)), TestPods.Namespace);
        var restored = await WaitForReadyAsync("counter-restored");

        var source = (await Client.CoreV1.ReadNamespacedPodAsync("counter", TestPods.Namespace)).Status.ContainerStatuses.Single();
        var status = restored.Status.ContainerStatuses.Single();
        Assert.Equal(CheckpointImage, restored.Spec.Containers.Single().Image);
        Assert.Equal("app:1", status.Image);
        Assert.Equal(source.ImageID, status.ImageID);
        Assert.DoesNotContain("0123456789abcdef", status.ImageID, StringComparison.Ordinal);
        Assert.NotNull(status.State.Running);
        Assert.True(Server.Nodes["node-b"].ReadCounter(TestPods.Namespace, "counter-restored", "app")!.Restored);
    }

    [Fact]
    public async Task A_checkpoint_only_node_creates_a_checkpoint_image_as_an_ordinary_image_and_fails_with_no_command_specified()
    {
        await CheckpointOfReadyPodAsync();
        await Server.Nodes.AddAsync("node-b", CheckpointOnly);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(CheckpointImage)), TestPods.Namespace);

        var status = await CreateContainerErrorAsync("counter-restored");
        Assert.Equal("no command specified", status.State.Waiting.Message);
        Assert.Equal(CheckpointImage, status.Image);
        Assert.Equal("", status.ImageID);
        Assert.False(Server.Nodes["node-b"].ReadCounter(TestPods.Namespace, "counter-restored", "app")?.Restored ?? false);
    }

    [Fact]
    public async Task A_checkpoint_only_node_given_a_command_fails_because_the_checkpoint_image_holds_no_executable()
    {
        await CheckpointOfReadyPodAsync();
        await Server.Nodes.AddAsync("node-b", CheckpointOnly);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(CheckpointImage),
            pod => pod.Spec.Containers[0].Command = ["/usr/local/bin/counter", "--listen", ":8080"]), TestPods.Namespace);

        var status = await CreateContainerErrorAsync("counter-restored");
        Assert.Equal("container create failed: executable file `/usr/local/bin/counter` not found in $PATH: No such file or directory", status.State.Waiting.Message);
    }

    [Theory]
    [InlineData(RestoreSupport.Enabled)]
    [InlineData(RestoreSupport.CheckpointOnly)]
    public async Task An_ordinary_image_is_a_cold_start_that_reports_its_own_image(RestoreSupport support)
    {
        var node = await Server.Nodes.AddAsync("node-b", new SimulatedNodeOptions { RestoreSupport = support });

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("cold", TestPods.OnNode("node-b"), WithImage("registry.example/app:2")), TestPods.Namespace);
        var pod = await WaitForReadyAsync("cold");

        var status = pod.Status.ContainerStatuses.Single();
        Assert.Equal("registry.example/app:2", status.Image);
        Assert.StartsWith("registry.example/app@sha256:", status.ImageID, StringComparison.Ordinal);
        Assert.False(node.ReadCounter(TestPods.Namespace, "cold", "app")!.Restored);
    }

    /// <summary>A Ready pod "counter" on node-a, checkpointed, its archive published as <see cref="CheckpointImage"/>.</summary>
    private async Task CheckpointOfReadyPodAsync()
    {
        var images = new LocalCheckpointImages();
        Server.Nodes.Images = images;
        var source = await NodeWithReadyPodAsync("node-a", "counter");
        using var http = new HttpClient();
        var checkpoint = await ProxyClient(source, http).CheckpointAsync(App("counter"), TimeSpan.FromSeconds(30));
        images.Add(CheckpointImage, checkpoint.ArchivePath);
    }

    private async Task<V1ContainerStatus> CreateContainerErrorAsync(string pod)
    {
        var seen = await WaitForPodAsync(pod, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CreateContainerError", "CreateContainerError");
        Assert.Equal("Pending", seen.Status.Phase);
        return seen.Status.ContainerStatuses.Single();
    }
}
