using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator.Resources;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Agent;

/// <summary>
/// Everything around one agent: the fake API server (serving spec.sourceNode as a field selector, as the CRD's
/// selectableFields makes a real one do), this node's kubelet checkpoint directory and the shared volume.
/// </summary>
public sealed class AgentWorld : IAsyncDisposable
{
    public const string Namespace = "shop";
    private readonly string _base = Directory.CreateTempSubdirectory("interceptor-agent-").FullName;

    private AgentWorld(FakeCluster cluster)
    {
        Cluster = cluster;
        CheckpointDirectory = Directory.CreateDirectory(Path.Combine(_base, "kubelet-checkpoints")).FullName;
        SharedVolume = Directory.CreateDirectory(Path.Combine(_base, "shared-volume")).FullName;
    }

    public string NodeName => "node-a";

    public FakeCluster Cluster { get; }

    public string CheckpointDirectory { get; }

    public string SharedVolume { get; }

    public static async Task<AgentWorld> StartAsync()
    {
        var cluster = await FakeCluster.StartAsync();
        cluster.Server.Store.Resources.Register(BuiltinResources.PodMigrations with { ExtraFieldLabels = ["spec.sourceNode"] });
        return new AgentWorld(cluster);
    }

    /// <summary>A PodMigration as the controller leaves it for the agent: in <paramref name="phase"/>, its containers listed.</summary>
    public PodMigration AddMigration(string pod, string sourceNode, string phase, params string[] containers) =>
        AddMigration(pod, sourceNode, phase, containers.Select(c => new ContainerCheckpoint { Container = c }).ToArray());

    public PodMigration AddMigration(string pod, string sourceNode, string phase, ContainerCheckpoint[] checkpoints) =>
        AddMigration(pod, Guid.NewGuid().ToString(), sourceNode, phase, checkpoints);

    /// <summary>A PodMigration of a pod that exists: <paramref name="podUid"/> is checked against the checkpoint archive's.</summary>
    public PodMigration AddMigration(string pod, string podUid, string sourceNode, string phase, ContainerCheckpoint[] checkpoints)
    {
        var migration = new PodMigration
        {
            Metadata = new V1ObjectMeta { Name = pod + "-migration", NamespaceProperty = Namespace },
            Spec = new PodMigrationSpec { PodName = pod, PodUid = podUid, SourceNode = sourceNode },
            Status = new PodMigrationStatus { Phase = phase, Attempt = 1, Checkpoints = checkpoints },
        };
        var created = Cluster.Server.Store.Create(BuiltinResources.PodMigrations, JsonNode.Parse(KubernetesJson.Serialize(migration))!.AsObject(), Namespace);
        return KubernetesJson.Deserialize<PodMigration>(created.ToJsonString());
    }

    public PodMigration Get(PodMigration migration) => KubernetesJson.Deserialize<PodMigration>(
        Cluster.Server.Store.Get(BuiltinResources.PodMigrations, Namespace, migration.Metadata.Name).ToJsonString());

    public V1Condition? Checkpointed(PodMigration migration) =>
        Get(migration).Status?.Conditions?.FirstOrDefault(c => c.Type == PodMigrationConditions.Checkpointed);

    /// <summary>Waits until the agent set the Checkpointed condition (either way) and returns the migration.</summary>
    public async Task<PodMigration> SettledAsync(PodMigration migration, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Checkpointed(migration) is not null, timeout ?? TimeSpan.FromSeconds(15), "the agent never set the Checkpointed condition");
        return Get(migration);
    }

    /// <summary>Archives still in the node's checkpoint directory (they hold process memory: there should be none).</summary>
    public string[] ArchivesOnNode() => Directory.GetFiles(CheckpointDirectory);

    /// <summary>Committed archives on the shared volume.</summary>
    public string[] ArchivesOnVolume() => Directory.GetFiles(SharedVolume, "checkpoint.tar", SearchOption.AllDirectories);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_base, recursive: true);
    }
}
