using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator;
using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.Migration;

/// <summary>
/// One part's cluster: the fake API server over TLS, source nodes and restore-capable target nodes with the same
/// simulated timings, and around them <see cref="LiveMigrationCluster"/> (embedded registry, one real agent per node,
/// the real interceptor with the given controller settings). Each round works in a namespace of its own, which it
/// leaves empty, so no round meets the pods or PodMigrations of another.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    public const string Container = DemoWorkload.Container;

    /// <summary>
    /// The agent's own concurrency (Interceptor:Agent:MaxConcurrentMigrations, shipped 2). LiveMigrationCluster gives the
    /// agents only the transport settings, and the host reads environment variables, so this is the way to set it.
    /// </summary>
    private const string AgentConcurrencyVariable = "Interceptor__Agent__MaxConcurrentMigrations";

    private static readonly TimeSpan CleanTimeout = TimeSpan.FromSeconds(90);

    private readonly FakeApiServer _server;
    private int _namespaces;

    private BenchWorld(FakeApiServer server, LiveMigrationCluster live, IReadOnlyList<string> sources, IReadOnlyList<string> targets)
    {
        _server = server;
        Live = live;
        Sources = sources;
        Targets = targets;
        Client = server.CreateClient();
    }

    public LiveMigrationCluster Live { get; }

    public Kubernetes Client { get; }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<string> Targets { get; }

    public FakeApiServer Server => _server;

    public static async Task<BenchWorld> StartAsync(
        IReadOnlyList<string> sources, IReadOnlyList<string> targets, NodeTimings timings, IReadOnlyDictionary<string, string?> controller, int agentConcurrency)
    {
        Environment.SetEnvironmentVariable(AgentConcurrencyVariable, agentConcurrency.ToString(CultureInfo.InvariantCulture));
        var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { UseHttps = true });
        try
        {
            foreach (var node in sources.Concat(targets))
            {
                await server.Nodes.AddAsync(node, timings.ToNodeOptions());
            }

            var live = await LiveMigrationCluster.StartAsync(server, new LiveMigrationOptions
            {
                RestoreCapableNodes = targets.ToHashSet(StringComparer.Ordinal),
                Settings = controller,
            });
            return new BenchWorld(server, live, sources, targets);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh namespace whose pods opt in one by one (label <c>interceptor.dev/migrate=opt-in</c>).</summary>
    public string NewNamespace(string prefix)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Interlocked.Increment(ref _namespaces)}");
        _server.Store.Create(new V1Namespace
        {
            ApiVersion = "v1", Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.NamespaceOptIn } },
        });
        return name;
    }

    /// <summary>
    /// Opted-in bare pods, created through the API as a user creates them (so the pod webhook adds the serving gate),
    /// returned once each runs and is Ready. Pod i goes to <paramref name="nodeOf"/>(i).
    /// </summary>
    public async Task<IReadOnlyList<V1Pod>> CreateRunningPodsAsync(string ns, int count, Func<int, string> nodeOf, CancellationToken ct)
    {
        await using var ready = await ReadyWatch.StartAsync(Client, ns, ct);
        var pods = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Client.CoreV1.CreateNamespacedPodAsync(OptedInPod(ns, PodName(i), nodeOf(i)), ns, cancellationToken: ct)));
        await Task.WhenAll(pods.Select(p => ready.ReadyAsync(p.Metadata.Name)));
        return pods;
    }

    /// <summary>A pod of the benchmark's shape (one container counting in memory), opted in, bound to <paramref name="node"/>.</summary>
    public static V1Pod OptedInPod(string ns, string name, string node) => WithNamespace(DemoCluster.BarePod(name, FailurePolicies.Evict, node), ns);

    /// <summary>The same shape, not opted in (no serving gate, nothing of Interceptor touches it), running <paramref name="image"/>.</summary>
    public static V1Pod PlainPod(string ns, string name, string node, string image)
    {
        var pod = WithNamespace(DemoCluster.BarePod(name, onFailure: null, node, optedIn: false), ns);
        pod.Spec.Containers[0].Image = image;
        return pod;
    }

    public static string PodName(int index) => string.Create(CultureInfo.InvariantCulture, $"p-{index:D3}");

    /// <summary>The PodMigrations of a namespace as stored (read in process: no request that would compete with the measured ones).</summary>
    public IReadOnlyList<PodMigration> Migrations(string ns) =>
        [.. Objects(BuiltinResources.PodMigrations, ns).Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString()))];

    /// <summary>Whether every PodMigration of the namespace has a terminal phase.</summary>
    public bool AllFinished(string ns, int expected)
    {
        var phases = Objects(BuiltinResources.PodMigrations, ns).Select(o => o["status"]?["phase"]?.GetValue<string>())
            .ToList();
        return phases.Count >= expected && phases.All(p => p is not null && !MigrationPhases.IsInProgress(p));
    }

    /// <summary>Deletes the namespace's PodMigrations and pods and waits until they are gone (the controller removes its finalizers).</summary>
    public async Task EmptyAsync(string ns)
    {
        foreach (var m in Migrations(ns))
        {
            await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(PodMigration.Group, PodMigration.Version, ns, PodMigration.Plural, m.Metadata.Name);
        }

        foreach (var pod in Objects(BuiltinResources.Pods, ns))
        {
            await Client.CoreV1.DeleteNamespacedPodAsync(pod["metadata"]!["name"]!.GetValue<string>(), ns, gracePeriodSeconds: 0);
        }

        var deadline = DateTime.UtcNow + CleanTimeout;
        while (Objects(BuiltinResources.Pods, ns).Count + Objects(BuiltinResources.PodMigrations, ns).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"namespace {ns} still holds pods or PodMigrations {CleanTimeout.TotalSeconds:0} s after the round");
            }

            await Task.Delay(50);
        }
    }

    public Task SetUnschedulableAsync(string node, bool unschedulable) =>
        Client.CoreV1.PatchNodeAsync(new V1Patch($"{{\"spec\":{{\"unschedulable\":{(unschedulable ? "true" : "false")}}}}}", V1Patch.PatchType.MergePatch), node);

    private IReadOnlyList<JsonObject> Objects(ResourceType resource, string ns) =>
        _server.Store.List(resource, new ObjectFilter(ns, LabelSelector.Everything, FieldSelector.Everything)).Items;

    private static V1Pod WithNamespace(V1Pod pod, string ns)
    {
        pod.Metadata.NamespaceProperty = ns;
        return pod;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Live.DisposeAsync();
        await _server.DisposeAsync();
    }
}
