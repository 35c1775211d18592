using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using k8s.Models;

namespace Interceptor.Bench;

/// <summary>
/// The fake API server, seeded for the three measured paths: one namespace that lets pods opt in one by one,
/// a pod that does not (allow: NotOptedIn), an opted-in running pod a drain keeps retrying (deny: MigrationInProgress
/// once its PodMigration exists and the controller has given it a phase), and batches of distinct opted-in pods, each evicted once (deny: MigrationStarted).
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    public const string Namespace = "bench";
    public const string NotOptedInPod = "web-not-opted-in";
    public const string OptedInPod = "db-opted-in";
    public const string Node = "node-a";

    private readonly Dictionary<string, string> _uids = [];

    private BenchCluster(FakeApiServer server) => Server = server;

    public FakeApiServer Server { get; }

    /// <summary>Names of the pods for each first-deny batch, by batch key.</summary>
    public Dictionary<string, IReadOnlyList<string>> FirstDenyBatches { get; } = [];

    public IEnumerable<string> AllPods => FirstDenyBatches.Values.SelectMany(b => b).Prepend(OptedInPod).Prepend(NotOptedInPod);

    public static async Task<BenchCluster> StartAsync()
    {
        var server = await FakeApiServer.StartAsync();
        server.Store.Create(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.NamespaceOptIn } },
        });
        var cluster = new BenchCluster(server);
        cluster.AddPod(NotOptedInPod, optedIn: false);
        cluster.AddPod(OptedInPod, optedIn: true);
        return cluster;
    }

    /// <summary>Seeds <paramref name="count"/> opted-in running pods for one first-deny run.</summary>
    public IReadOnlyList<string> AddFirstDenyBatch(string key, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"fd-{key}-{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
        foreach (var name in names)
        {
            AddPod(name, optedIn: true);
        }

        FirstDenyBatches[key] = names;
        return names;
    }

    /// <summary>
    /// Acts as the migration controller would: gives the pod's PodMigration an in-progress phase through the status
    /// subresource. Without a phase, the webhook counts a migration no controller picked up as failed after
    /// Interceptor:Migration:PickupTimeout, and a long drain would then be allowed through.
    /// </summary>
    public void MarkMigrationPickedUp(string pod, string phase, string targetNode)
    {
        var name = Interceptor.Admission.MigrationNames.For(pod, _uids[pod]);
        Server.Store.Modify(BuiltinResources.PodMigrations, Namespace, name, migration =>
        {
            migration["status"] = new JsonObject { ["phase"] = phase, ["targetNode"] = targetNode, ["attempt"] = 1 };
            return migration;
        }, UpdateScope.Status);
    }

    private void AddPod(string name, bool optedIn)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        if (optedIn)
        {
            labels[Labels.Migrate] = Labels.PodOptedIn;
        }

        var created = Server.Store.Create(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = labels },
            Spec = new V1PodSpec { NodeName = Node, Containers = [new V1Container { Name = "app", Image = "app:1" }] },
            Status = new V1PodStatus { Phase = "Running" },
        });
        _uids[name] = created.Metadata.Uid; // the server assigns it, as a real one does
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
