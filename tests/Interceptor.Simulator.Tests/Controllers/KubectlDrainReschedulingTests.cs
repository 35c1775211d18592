using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// The real kubectl drains a node whose pods a ReplicaSet owns: the evicted pods are replaced by the simulated
/// replicaset controller and the simulated scheduler puts the replacements on the other node, the drained one
/// being cordoned.
/// </summary>
public sealed class KubectlDrainReschedulingTests : ControllerTest
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    protected override FakeApiServerOptions Options => new() { UseHttps = true, Controllers = SimulatedControllers.All };

    [KubectlFact]
    public async Task Drain_evicts_the_pods_and_the_replicaset_recreates_them_on_the_other_node()
    {
        Server.Store.Create(Node("node-a"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 3), TestPods.Namespace);
        var before = await EventuallyAsync(() => PodsAsync(), p => p.Count == 3 && p.All(x => x.Spec.NodeName == "node-a"), "three pods on node-a");
        foreach (var pod in before)
        {
            await MarkRunningAsync(pod.Metadata.Name);
        }
        Server.Store.Create(Node("node-b"));
        using var kubectl = Kubectl.For(Server);

        var result = await kubectl.RunAsync(DrainLimit, "drain", "node-a", "--ignore-daemonsets", "--delete-emptydir-data");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("node/node-a cordoned", result.Stdout);
        Assert.All(before, pod => Assert.Contains($"pod/{pod.Metadata.Name} evicted", result.Stdout));
        Assert.Contains("node/node-a drained", result.Stdout);
        var after = await EventuallyAsync(() => PodsAsync(), p => p.Count == 3 && p.All(x => x.Spec.NodeName == "node-b"), "three pods on node-b");
        Assert.Empty(after.Select(p => p.Metadata.Name).Intersect(before.Select(p => p.Metadata.Name)));
        Assert.True(Server.Store.TryGet<V1Node>(null, "node-a")!.Spec.Unschedulable);
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/eviction", StringComparison.Ordinal)));
    }
}
