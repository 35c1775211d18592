using System.Net.Http.Json;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

public sealed class CounterRestoreTests : CheckpointTest
{
    private const string CheckpointImage = "registry.example/checkpoints/counter:uid-1-app-0";

    private static readonly SimulatedNodeOptions Counting = new() { CounterInterval = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task A_counter_checkpointed_at_k_restores_at_k_or_more_on_another_node_and_a_cold_start_begins_at_0()
    {
        var k = await CheckpointOnNodeAAndRestoreOnNodeBAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-cold", TestPods.OnNode("node-b")), TestPods.Namespace);
        await WaitForReadyAsync("counter-restored");
        await WaitForReadyAsync("counter-cold");

        var restored = await ReadCounterAsync("node-b", "counter-restored");
        Assert.True(restored.Restored);
        Assert.Equal(k, restored.InitialValue);
        Assert.True(restored.Value >= k, $"restored at {restored.Value}, checkpointed at {k}");
        var cold = await ReadCounterAsync("node-b", "counter-cold");
        Assert.False(cold.Restored);
        Assert.Equal(0, cold.InitialValue);
        Assert.True(cold.Value < restored.Value, $"cold {cold.Value} counts from 0, restored {restored.Value} from {k}");
    }

    [KubectlFact]
    public async Task Kubectl_logs_of_the_restored_pod_show_the_counter_going_on_from_the_checkpoint()
    {
        var k = await CheckpointOnNodeAAndRestoreOnNodeBAsync();
        await WaitForReadyAsync("counter-restored");
        using var kubectl = Support.Kubectl.For(Server);

        var result = await kubectl.RunAsync(TimeSpan.FromSeconds(30), "logs", "counter-restored");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"count {k + 1}", lines[0]);
        Assert.Equal([.. Enumerable.Range(0, lines.Length).Select(i => $"count {k + 1 + i}")], lines);
    }

    [Fact]
    public async Task A_checkpoint_image_that_is_not_a_valid_archive_leaves_the_container_in_CreateContainerError()
    {
        var images = new LocalCheckpointImages();
        Server.Nodes.Images = images;
        var broken = Path.Combine(Scratch, "broken.tar");
        await File.WriteAllBytesAsync(broken, new byte[4096]);
        images.Add(CheckpointImage, broken);
        await Server.Nodes.AddAsync("node-b");

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(CheckpointImage)), TestPods.Namespace);

        var pod = await WaitForPodAsync("counter-restored", p => p.Status?.ContainerStatuses?.Single().State.Waiting?.Reason == "CreateContainerError", "CreateContainerError");
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.StartsWith($"failed to restore container from checkpoint image {CheckpointImage}", pod.Status.ContainerStatuses.Single().State.Waiting.Message);
    }

    [Fact]
    public async Task The_counter_keeps_counting_while_the_container_runs_and_is_served_by_the_kubelet_endpoint_too()
    {
        var node = await Server.Nodes.AddAsync("node-a", Counting);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("counter");

        var first = await ReadCounterAsync("node-a", "counter");
        await Task.Delay(100);
        var second = await ReadCounterAsync("node-a", "counter");
        var options = node.WriteClientOptions(Scratch);
        using var direct = Interceptor.Checkpoint.Kubelet.KubeletHttpClient.Create(options);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.KubeletEndpoint, "counter/default/counter/app"));
        request.Headers.Authorization = new("Bearer", node.KubeletToken);
        using var response = await direct.SendAsync(request);
        var third = await response.Content.ReadFromJsonAsync<CounterBody>();

        Assert.True(second.Value > first.Value, $"{first.Value} then {second.Value}");
        Assert.True(third!.Value >= second.Value, $"{second.Value} then {third.Value}");
        Assert.Equal(node.ReadCounter("default", "counter", "app")!.InitialValue, third.InitialValue);
    }

    private async Task<CounterBody> ReadCounterAsync(string node, string pod)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        return (await http.GetFromJsonAsync<CounterBody>($"api/v1/nodes/{node}/proxy/counter/default/{pod}/app"))!;
    }

    private async Task WaitForCounterAsync(string node, string pod, long atLeast)
    {
        using var deadline = Deadline();
        while ((await ReadCounterAsync(node, pod)).Value < atLeast)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private sealed record CounterBody(long Value, long InitialValue, bool Restored);

    /// <summary>
    /// A counter pod on node-a checkpointed once it passed 50, and <c>counter-restored</c> created on node-b from that
    /// checkpoint image; returns the checkpointed value.
    /// </summary>
    private async Task<long> CheckpointOnNodeAAndRestoreOnNodeBAsync()
    {
        var images = new LocalCheckpointImages();
        Server.Nodes.Images = images;
        var source = await Server.Nodes.AddAsync("node-a", Counting);
        await Server.Nodes.AddAsync("node-b", Counting);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("counter");
        await WaitForCounterAsync("node-a", "counter", atLeast: 50);
        using var http = new HttpClient();

        var checkpoint = await ProxyClient(source, http).CheckpointAsync(App("counter"), TimeSpan.FromSeconds(30));
        var k = await CheckpointedCounterAsync(checkpoint.ArchivePath) ?? throw new Xunit.Sdk.XunitException("no counter in the archive");
        Assert.True(k >= 50, $"checkpointed at {k}, after the counter passed 50");
        images.Add(CheckpointImage, checkpoint.ArchivePath);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode("node-b"), WithImage(CheckpointImage)), TestPods.Namespace);
        return k;
    }
}
