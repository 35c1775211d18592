using Interceptor.Checkpoint.Kubelet;
using Interceptor.Migration;
using Interceptor.Simulator.Nodes;
using Interceptor.Tests.Builders;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Tests.Migration;

/// <summary>
/// <see cref="RestoreVerification"/> against the simulated kubelet, which mirrors the real runtimes' status: a restore
/// on a node that restores is Restored, the same checkpoint image on a CRI-O checkpoint_only node is Failed with the
/// runtime's message, and a replacement run from an ordinary image is a ColdStart.
/// </summary>
public sealed class RestoreVerificationSimulatedNodeTests : IAsyncLifetime
{
    private const string CheckpointImage = "registry.example/checkpoints/counter@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private static readonly Dictionary<string, string> Expected = new() { ["app"] = CheckpointImage };

    private FakeCluster _cluster = null!;
    private Kubernetes _client = null!;
    private readonly LocalCheckpointImages _images = new();

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        _client = _cluster.Server.CreateClient();
        _cluster.Server.Nodes.Images = _images;
        var source = await _cluster.Server.Nodes.AddAsync("node-a");
        await _cluster.AddPodAsync(TestPods.Pod("counter", TestPods.OnNode(source.Name), TestPods.InPhase("Pending")));
        await UntilAsync("counter", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null);
        using var http = new HttpClient();
        var kubelet = new KubeletCheckpointClient(http, new KubeletClientOptions
        {
            BaseAddress = new Uri(_cluster.BaseAddress, $"api/v1/nodes/{source.Name}/proxy/"),
            TokenPath = null,
            CheckpointDirectory = source.CheckpointDirectory,
            MaxAttempts = 1,
        });
        var checkpoint = await kubelet.CheckpointAsync(new ContainerRef(TestPods.Namespace, "counter", "app"), TimeSpan.FromSeconds(30));
        _images.Add(CheckpointImage, checkpoint.ArchivePath);
    }

    [Fact]
    public async Task A_restore_on_a_node_that_restores_is_verified_as_Restored()
    {
        await _cluster.Server.Nodes.AddAsync("node-b");

        var check = await CheckReplacementAsync("node-b", CheckpointImage);

        Assert.True(check.Outcome == RestoreCheckOutcome.Restored, check.Message);
        Assert.Contains("registry.example/app:1", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_checkpoint_image_on_a_checkpoint_only_node_is_Failed_with_the_runtimes_message()
    {
        await _cluster.Server.Nodes.AddAsync("node-b", new SimulatedNodeOptions { RestoreSupport = RestoreSupport.CheckpointOnly });

        var check = await CheckReplacementAsync("node-b", CheckpointImage);

        Assert.True(check.Outcome == RestoreCheckOutcome.Failed, check.Message);
        Assert.Equal("container app: waiting: CreateContainerError: no command specified", check.Message);
    }

    [Fact]
    public async Task A_replacement_run_from_an_ordinary_image_is_a_ColdStart()
    {
        await _cluster.Server.Nodes.AddAsync("node-b");

        var check = await CheckReplacementAsync("node-b", "registry.example/app:1");

        Assert.True(check.Outcome == RestoreCheckOutcome.ColdStart, check.Message);
    }

    /// <summary>Creates the replacement on <paramref name="node"/> and checks it until the verdict is no longer NotYet.</summary>
    private async Task<RestoreCheck> CheckReplacementAsync(string node, string image)
    {
        await _cluster.AddPodAsync(TestPods.Pod("counter-restored", TestPods.OnNode(node), TestPods.InPhase("Pending"), TestPods.WithImage(image)));
        RestoreCheck? check = null;
        await UntilAsync("counter-restored", pod => (check = RestoreVerification.Check(pod, Expected)).Outcome != RestoreCheckOutcome.NotYet);
        return check!;
    }

    private async Task UntilAsync(string pod, Func<V1Pod, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition(await _client.CoreV1.ReadNamespacedPodAsync(pod, TestPods.Namespace)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"pod {pod} never reached the awaited state");
            }

            await Task.Delay(10);
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }
}
