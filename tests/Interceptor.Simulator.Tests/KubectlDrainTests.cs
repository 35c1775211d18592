using System.Text.RegularExpressions;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>kubectl cordon, uncordon and drain against the fake server: strategic merge patches, evictions, PDBs.</summary>
public sealed partial class KubectlDrainTests : KubectlTest
{
    /// <summary>The blocked drain's own timeout; the process limit leaves room beyond it.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    [KubectlFact]
    public async Task Cordon_and_uncordon_patch_spec_unschedulable()
    {
        Server.Store.Create(Node("worker-1"));

        var cordon = await Kubectl.RunAsync(Quick, "cordon", "worker-1");
        var cordoned = Server.Store.TryGet<V1Node>(null, "worker-1")!.Spec?.Unschedulable;
        var uncordon = await Kubectl.RunAsync(Quick, "uncordon", "worker-1");
        var uncordoned = Server.Store.TryGet<V1Node>(null, "worker-1")!.Spec?.Unschedulable;

        // kubectl cordon exits 0 even when the patch fails, so the output and the store are what prove it.
        Assert.Equal("node/worker-1 cordoned\n", cordon.Stdout);
        Assert.Equal("node/worker-1 uncordoned\n", uncordon.Stdout);
        Assert.Equal((true, null), (cordoned, uncordoned));
        Assert.Equal(2, Server.Requests.Count(r => r is { Method: "PATCH", Path: "/api/v1/nodes/worker-1" }));
    }

    [KubectlFact]
    public async Task Drain_evicts_replicaset_pods_and_leaves_daemonset_pods()
    {
        Server.Store.Create(Node("worker-1"));
        var replicaSet = Server.Store.Create(Owner(new V1ReplicaSet(), "web"));
        var daemonSet = Server.Store.Create(Owner(new V1DaemonSet(), "logs"));
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running, OwnedBy(replicaSet), WithEmptyDir));
        Server.Store.Create(TestPods.Pod("web-2", TestPods.OnNode("worker-1"), Running, OwnedBy(replicaSet)));
        Server.Store.Create(TestPods.Pod("web-3", TestPods.OnNode("worker-2"), Running, OwnedBy(replicaSet)));
        Server.Store.Create(TestPods.Pod("logs-1", TestPods.OnNode("worker-1"), Running, OwnedBy(daemonSet)));

        var result = await Kubectl.RunAsync(DrainLimit, "drain", "worker-1", "--ignore-daemonsets", "--delete-emptydir-data");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("node/worker-1 cordoned", result.Stdout);
        Assert.Contains("pod/web-1 evicted", result.Stdout);
        Assert.Contains("pod/web-2 evicted", result.Stdout);
        Assert.Contains("node/worker-1 drained", result.Stdout);
        Assert.Contains("Warning: ignoring DaemonSet-managed Pods: default/logs-1", result.Stderr);
        Assert.Equal(["logs-1", "web-3"], PodNames());
        Assert.True(Server.Store.TryGet<V1Node>(null, "worker-1")!.Spec.Unschedulable);
        Assert.Equal(2, Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/eviction", StringComparison.Ordinal)));
    }

    [KubectlFact]
    public async Task Drain_blocked_by_a_budget_retries_every_5s_until_its_timeout()
    {
        Server.Store.Create(Node("worker-1"));
        var replicaSet = Server.Store.Create(Owner(new V1ReplicaSet(), "db"));
        Server.Store.Create(TestPods.Pod("db-0", TestPods.OnNode("worker-1"), Running, OwnedBy(replicaSet), TestPods.WithLabel("app", "db")));
        Server.Store.Create(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = TestPods.Namespace },
            Spec = new V1PodDisruptionBudgetSpec
            {
                MinAvailable = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
            },
            Status = new V1PodDisruptionBudgetStatus
            {
                ObservedGeneration = 1, DisruptionsAllowed = 0, CurrentHealthy = 1, DesiredHealthy = 1, ExpectedPods = 1,
            },
        });

        var result = await Kubectl.RunAsync(DrainLimit, "drain", "worker-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s");

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(RetryMessage().Count(result.Stderr) >= 2, result.ToString());
        Assert.Contains("global timeout reached: 12s", result.Stderr);
        Assert.Equal(["db-0"], PodNames());
    }

    [KubectlFact]
    public async Task Drain_blocked_by_the_interceptors_429_prints_the_retry_line_with_its_message()
    {
        // No migration controller: nobody picks the PodMigration up, so the webhook keeps answering 429.
        await using var interceptor = await Interceptor.Simulator.Demo.SimulatedInterceptor.StartAsync(Server,
            settings: new Dictionary<string, string?> { ["Interceptor:Controller:Enabled"] = "false" });
        Server.Store.Create(Node("worker-1"));
        Server.Store.Create(new V1Namespace
        {
            ApiVersion = "v1", Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = TestPods.Namespace, Labels = new Dictionary<string, string> { [Interceptor.Api.Labels.Migrate] = Interceptor.Api.Labels.NamespaceOptIn } },
        });
        var replicaSet = Server.Store.Create(Owner(new V1ReplicaSet(), "cache"));
        Server.Store.Create(TestPods.Pod("cache-1", TestPods.OnNode("worker-1"), Running, OwnedBy(replicaSet),
            TestPods.WithLabel(Interceptor.Api.Labels.Migrate, Interceptor.Api.Labels.PodOptedIn)));

        var result = await Kubectl.RunAsync(DrainLimit, "drain", "worker-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s");

        // What a real kube-apiserver 1.36 and kubectl print (DESIGN 3.1): the webhook's 429 and message, retried every 5 s.
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(WebhookRetryMessage().Count(result.Stderr) >= 2, result.ToString());
        Assert.Contains("global timeout reached: 12s", result.Stderr);
        Assert.Equal(["cache-1"], PodNames());
        Assert.Single(Server.Store.List(Interceptor.Simulator.Resources.BuiltinResources.PodMigrations).Items);
    }

    [GeneratedRegex("""error when evicting pods/"cache-1" -n "default" \(will retry after 5s\): admission webhook "eviction\.interceptor\.dev" denied the request: Eviction triggered evacuation""")]
    private static partial Regex WebhookRetryMessage();

    [GeneratedRegex("""error when evicting pods/"db-0" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.""")]
    private static partial Regex RetryMessage();

    private List<string> PodNames() =>
        [.. Server.Store.List(Interceptor.Simulator.Resources.BuiltinResources.Pods).Items
            .Select(p => p["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static V1Node Node(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] },
    };

    private static T Owner<T>(T owner, string name)
        where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        owner.ApiVersion = "apps/v1";
        owner.Kind = typeof(T) == typeof(V1DaemonSet) ? "DaemonSet" : "ReplicaSet";
        owner.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestPods.Namespace };
        return owner;
    }

    private static Action<V1Pod> OwnedBy<T>(T owner)
        where T : k8s.IKubernetesObject<V1ObjectMeta> => pod => pod.Metadata.OwnerReferences =
    [
        new V1OwnerReference
        {
            ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true,
        },
    ];

    private static void Running(V1Pod pod) => pod.Status = new V1PodStatus
    {
        Phase = "Running",
        Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
    };

    private static void WithEmptyDir(V1Pod pod) =>
        pod.Spec.Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }];
}
