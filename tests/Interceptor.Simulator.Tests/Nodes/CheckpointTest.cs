using Interceptor.Checkpoint.Archive;
using k8s;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>Helpers to checkpoint through the real <see cref="KubeletCheckpointClient"/> and read the archive back.</summary>
public abstract class CheckpointTest : NodeTest, IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("interceptor-node-tests-");

    protected string Scratch => _scratch.FullName;

    /// <summary>The client as an agent reaching the kubelet through the API server: <c>/api/v1/nodes/{node}/proxy/</c>, no token.</summary>
    protected KubeletCheckpointClient ProxyClient(SimulatedNode node, HttpClient http) =>
        new(http, new KubeletClientOptions
        {
            BaseAddress = new Uri(Server.BaseAddress, $"api/v1/nodes/{node.Name}/proxy/"),
            TokenPath = null,
            CheckpointDirectory = node.CheckpointDirectory,
            MaxAttempts = 1,
        });

    protected static ContainerRef App(string pod) => new(TestPods.Namespace, pod, "app");

    /// <summary>The counter a checkpoint archive carries in its CRIU pages image, read as a restore reads it.</summary>
    protected static async Task<long?> CheckpointedCounterAsync(string archivePath)
    {
        await using var file = File.OpenRead(archivePath);
        var archive = await new CheckpointArchiveReader().ReadAsync(file, ProcessImage.Header);
        return archive.KeptHead is { } header ? ProcessImage.ReadCounter(header) : null;
    }

    /// <summary>A simulated node <paramref name="nodeName"/> running a Ready pod <paramref name="pod"/>.</summary>
    protected async Task<SimulatedNode> NodeWithReadyPodAsync(string nodeName, string pod, SimulatedNodeOptions? options = null)
    {
        var node = await Server.Nodes.AddAsync(nodeName, options ?? new SimulatedNodeOptions());
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod(pod, TestPods.OnNode(nodeName)), TestPods.Namespace);
        await WaitForReadyAsync(pod);
        return node;
    }

    public void Dispose()
    {
        _scratch.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
