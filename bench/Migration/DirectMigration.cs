using System.Diagnostics;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Options;
using Interceptor.Simulator.Demo;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.Migration;

/// <summary>
/// The baseline: the data path of a migration done by a minimal script, with no controller, no agent and no status
/// writes: the source node's kubelet checkpoints the container (the real <see cref="KubeletCheckpointClient"/>
/// against that node's endpoint), <see cref="RegistryCheckpointTransfer.PublishAsync"/> pushes the archive to the
/// embedded registry with the agents' registry settings, and a pod running the checkpoint image is created on the
/// target and waited for through a watch until it is Ready. Checkpoint + transfer + restore, no orchestration.
/// </summary>
public sealed class DirectMigration : IDisposable
{
    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchWorld _world;
    private readonly DirectoryInfo _credentials = Directory.CreateTempSubdirectory("interceptor-bench-direct-");
    private readonly Dictionary<string, (KubeletCheckpointClient Client, HttpClient Http)> _kubelets = new(StringComparer.Ordinal);
    private readonly HttpClient _registryHttp;

    public DirectMigration(BenchWorld world)
    {
        _world = world;
        foreach (var node in world.Sources)
        {
            var options = world.Server.Nodes[node].WriteClientOptions(_credentials.FullName);
            var http = KubeletHttpClient.Create(options);
            _kubelets[node] = (new KubeletCheckpointClient(http, options), http);
        }

        // The agents' registry settings (repository, layer compression, chunk size): the same bytes are pushed.
        var settings = new AgentRegistryOptions { Endpoint = world.Live.RegistryAddress.ToString(), Repository = LiveMigrationCluster.Repository };
        _registryHttp = world.Live.CreateRegistryClient();
        var registry = new RegistryClient(_registryHttp, settings.ToRegistryOptions());
        Transfer = new RegistryCheckpointTransfer(registry, new CheckpointImageBuilder(registry, settings.ToImageOptions()), settings.ToTransferOptions());
    }

    public RegistryCheckpointTransfer Transfer { get; }

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; <paramref name="ready"/> watches the namespace.</summary>
    public async Task<DirectSample> RunAsync(V1Pod source, string target, ReadyWatch ready, CancellationToken ct)
    {
        var (ns, name) = (source.Metadata.NamespaceProperty, source.Metadata.Name);
        var start = Stopwatch.GetTimestamp();
        var checkpoint = await _kubelets[source.Spec.NodeName].Client.CheckpointAsync(new ContainerRef(ns, name, BenchWorld.Container), CheckpointTimeout, ct);
        var dumped = Stopwatch.GetTimestamp();
        PublishedCheckpoint published;
        try
        {
            var destination = new CheckpointDestination(ns, name, source.Metadata.Uid, BenchWorld.Container, 1);
            published = await Transfer.PublishAsync(new CheckpointPublication(checkpoint.ArchivePath, destination), ct);
        }
        finally
        {
            File.Delete(checkpoint.ArchivePath);
        }

        var pushed = Stopwatch.GetTimestamp();
        var replacement = name + "-direct";
        await _world.Client.CoreV1.CreateNamespacedPodAsync(BenchWorld.PlainPod(ns, replacement, target, published.Reference), ns, cancellationToken: ct);
        var created = Stopwatch.GetTimestamp();
        var seenReady = await ready.ReadyAsync(replacement);
        return new DirectSample(published, Ms(start, dumped), Ms(dumped, pushed), Ms(pushed, created), Ms(created, seenReady));
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    public void Dispose()
    {
        foreach (var (_, http) in _kubelets.Values)
        {
            http.Dispose();
        }

        _registryHttp.Dispose();
        _credentials.Delete(recursive: true);
    }
}
