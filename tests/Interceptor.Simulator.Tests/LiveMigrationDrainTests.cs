using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// The whole product against the real kubectl: <c>kubectl drain</c> of a node whose opted-in pods (a Deployment's
/// three and a bare one) move live, through the real webhook, controller and one agent per node, to nodes that
/// restore them from checkpoint images in the embedded registry; a pod that did not opt in is simply evicted.
/// </summary>
public sealed class LiveMigrationDrainTests : KubectlTest
{
    private const string Drained = "node-1";
    private const string Bare = DemoWorkload.BareEvict;
    private const string Ordinary = "ordinary";
    private const int Replicas = 3;
    private static readonly string DeploymentPods = $"app={DemoWorkload.Deployment}";

    private LiveMigrationCluster? _live;

    protected override FakeApiServerOptions Options => new() { UseHttps = true, Controllers = SimulatedControllers.All };

    private LiveMigrationCluster Live => _live ?? throw new InvalidOperationException("not started");

    private async Task StartAsync(bool servingGates)
    {
        // Only node-1 exists while the workload starts, so the scheduler puts every pod there.
        await Server.Nodes.AddAsync(Drained);
        _live = await LiveMigrationCluster.StartAsync(Server, new LiveMigrationOptions { LogLevel = "Warning", ServingGates = servingGates });
    }

    /// <summary>
    /// Pods created before Interceptor was installed carry no serving gate: each source keeps serving until its replacement
    /// is adopted, so the Deployment never has fewer than 3 Ready pods (the sources' last writes are lost; the status says so).
    /// </summary>
    [KubectlFact]
    public async Task Drain_moves_opted_in_pods_live_and_evicts_the_others()
    {
        await StartAsync(servingGates: false);
        var fewest = await DrainAsync();
        Assert.True(fewest >= Replicas, $"only {fewest} Deployment pods were Ready at one moment of the drain");
    }

    /// <summary>
    /// With the serving gate (as installed) each source leaves its Services before its checkpoint, so while a migration
    /// freezes it the Deployment has one Ready pod fewer: never fewer than replicas minus the migrations allowed to leave
    /// the node at once (Controller:MaxConcurrentPerNode, 2). That dip is the downtime the status measures.
    /// </summary>
    [KubectlFact]
    public async Task With_serving_gates_each_source_leaves_its_Services_before_its_checkpoint()
    {
        await StartAsync(servingGates: true);
        var fewest = await DrainAsync();
        Assert.True(fewest >= Replicas - 2, $"only {fewest} Deployment pods were Ready at one moment of the drain");
        Assert.True(fewest < Replicas, "no source ever left its Services: the traffic switch did not happen");
        Assert.All(Migrations(), m => Assert.Equal(TrafficSwitches.ReadinessGate, m.Status?.TrafficSwitch));
    }

    /// <returns>The fewest Deployment pods that were Ready at any moment of the drain.</returns>
    private async Task<int> DrainAsync()
    {
        await StartWorkloadAsync();
        await Live.AddNodeAsync("node-2");
        await Live.AddNodeAsync("node-3");
        var before = Counters();
        var deployment = await Client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace, labelSelector: DeploymentPods);
        await using var ready = new ReadyPodsTracker(Client, DemoWorkload.Namespace, DeploymentPods, deployment);

        var drain = await Kubectl.RunAsync(TimeSpan.FromSeconds(150),
            "drain", Drained, "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=120s");

        Assert.True(drain.ExitCode == 0, drain.ToString());
        var migrations = Migrations();
        Assert.All(migrations, m => Assert.True(m.Status?.Phase == MigrationPhases.Succeeded,
            $"{m.Metadata.Name}: {m.Status?.Phase} {m.Status?.Reason}: {m.Status?.Message}"));
        Assert.Equal([.. before.Keys.Order(StringComparer.Ordinal)], migrations.Select(m => m.Spec.PodName).Order(StringComparer.Ordinal));
        foreach (var m in migrations)
        {
            var counter = Server.Nodes[m.Status!.TargetNode!].ReadCounter(DemoWorkload.Namespace, m.Status.ReplacementPod!, DemoWorkload.Container);
            Assert.True(counter is { Restored: true }, $"{m.Status.ReplacementPod} on {m.Status.TargetNode} did not restore");
            Assert.True(counter.InitialValue >= before[m.Spec.PodName], $"{m.Spec.PodName}: started at {counter.InitialValue}, was {before[m.Spec.PodName]} before the drain");
        }

        await Eventually(() => DeploymentPodsNow().Count == Replicas, () => $"the Deployment did not settle at 3 pods: {Describe(DeploymentPodsNow())}");
        Assert.DoesNotContain(DeploymentPodsNow(), p => p.Spec.NodeName == Drained);
        Assert.Null(ready.Error);
        Assert.Null(Server.Store.TryGet(BuiltinResources.Pods, DemoWorkload.Namespace, Ordinary));
        Assert.Contains($"pod/{Ordinary} evicted", drain.Stdout, StringComparison.Ordinal);
        return ready.Fewest;
    }

    /// <summary>The opted-in Deployment and bare pod and a pod that did not opt in, all Running and Ready on node-1.</summary>
    private async Task StartWorkloadAsync()
    {
        Server.Store.Create(DemoCluster.OptInNamespace());
        Server.Store.Create(DemoCluster.Deployment(DemoWorkload.Deployment, Replicas, optedIn: true));
        // Through the API, as a user creates them: pod-create admission (the serving gate) applies.
        await Client.CoreV1.CreateNamespacedPodAsync(DemoCluster.BarePod(Bare, FailurePolicies.Evict, Drained), DemoWorkload.Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(DemoCluster.BarePod(Ordinary, onFailure: null, Drained, optedIn: false), DemoWorkload.Namespace);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace)).Items
            .Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) == Replicas + 2,
            "the workload never became Ready on node-1");
        // Let the counters run, so a cold start (back to 0) could not pass for a restore.
        await Eventually(() => Counters().Values.All(v => v >= 20), "the counters did not run");
    }

    /// <summary>Each opted-in pod's counter on node-1 now: a lower bound of what its checkpoint will hold.</summary>
    private Dictionary<string, long> Counters() =>
        Server.Store.List(BuiltinResources.Pods).Items.Select(Pod)
            .Where(p => p.Metadata.NamespaceProperty == DemoWorkload.Namespace && PodWatcher.IsOptedIn(p))
            .ToDictionary(p => p.Metadata.Name, p => Server.Nodes[Drained].ReadCounter(DemoWorkload.Namespace, p.Metadata.Name, DemoWorkload.Container)
                ?.ValueAt(DateTimeOffset.UtcNow) ?? 0);

    private List<PodMigration> Migrations() =>
        [.. Server.Store.List(BuiltinResources.PodMigrations).Items.Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString()))];

    private List<V1Pod> DeploymentPodsNow() =>
        [.. Server.Store.List(BuiltinResources.Pods).Items.Select(Pod)
            .Where(p => p.Metadata.Labels is { } labels && labels.TryGetValue("app", out var app) && app == DemoWorkload.Deployment && p.Metadata.DeletionTimestamp is null)];

    private static V1Pod Pod(JsonObject o) => KubernetesJson.Deserialize<V1Pod>(o.ToJsonString());

    private static string Describe(IEnumerable<V1Pod> pods) => string.Join("; ", pods.Select(p =>
        $"{p.Metadata.Name} on {p.Spec.NodeName} owner {p.Metadata.OwnerReferences?.FirstOrDefault()?.Name ?? "none"} labels {string.Join(",", p.Metadata.Labels ?? new Dictionary<string, string>())}"));

    private static Task Eventually(Func<bool> condition, string failure) => Eventually(() => Task.FromResult(condition()), () => failure);

    private static Task Eventually(Func<bool> condition, Func<string> failure) => Eventually(() => Task.FromResult(condition()), failure);

    private static Task Eventually(Func<Task<bool>> condition, string failure) => Eventually(condition, () => failure);

    private static async Task Eventually(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(50);
        }
    }

    public override async Task DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
