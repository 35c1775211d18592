using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The simulated scheduler: cordon, readiness, taints and nodeSelector filter nodes; pods spread; misfits are Unschedulable.</summary>
public sealed class SchedulerTests : ControllerTest
{
    [Fact]
    public async Task Cordoned_and_not_ready_nodes_get_no_pods_and_the_rest_are_spread()
    {
        Server.Store.Create(Node("a-cordoned", cordoned: true));
        Server.Store.Create(Node("b-not-ready", ready: false));
        Server.Store.Create(Node("c"));
        Server.Store.Create(Node("d"));

        for (var i = 0; i < 6; i++)
        {
            await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod($"p{i}", TestPods.WithLabel("app", "web")), TestPods.Namespace);
        }

        var pods = await EventuallyAsync(() => PodsAsync(), p => p.All(x => x.Spec.NodeName is not null), "six bound pods");
        Assert.Equal([("c", 3), ("d", 3)], pods.GroupBy(p => p.Spec.NodeName).Select(g => (g.Key, g.Count())).Order());
        Assert.All(pods, p => Assert.Equal("True", p.Status.Conditions.Single(c => c.Type == "PodScheduled").Status));
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_is_Unschedulable_until_a_node_is_uncordoned()
    {
        var cordoned = Node("a", cordoned: true);
        cordoned.Metadata.Labels = new Dictionary<string, string> { ["disk"] = "ssd" };
        Server.Store.Create(cordoned);
        var tainted = Node("b");
        tainted.Spec.Taints = [new V1Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }];
        Server.Store.Create(tainted);
        var labelled = Node("c");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["disk"] = "hdd" };
        Server.Store.Create(labelled);
        await Client.CoreV1.CreateNamespacedPodAsync(
            TestPods.Pod("p", p => p.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" }), TestPods.Namespace);

        var waiting = await EventuallyAsync(() => Client.CoreV1.ReadNamespacedPodAsync("p", TestPods.Namespace),
            p => p.Status.Conditions?.Any(c => c.Type == "PodScheduled") == true, "the Unschedulable condition");
        await Client.CoreV1.PatchNodeAsync(
            new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = null } }.ToJsonString(), V1Patch.PatchType.MergePatch), "a");
        var bound = await EventuallyAsync(() => Client.CoreV1.ReadNamespacedPodAsync("p", TestPods.Namespace),
            p => p.Spec.NodeName is not null, "binding after uncordon");

        var condition = waiting.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable"), (condition.Status, condition.Reason));
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}, " +
            "1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            condition.Message);
        Assert.Equal("a", bound.Spec.NodeName);
    }

    [Fact]
    public async Task A_toleration_and_a_matching_nodeSelector_let_a_pod_onto_a_tainted_labelled_node()
    {
        var node = Node("gpu");
        node.Metadata.Labels = new Dictionary<string, string> { ["accelerator"] = "yes" };
        node.Spec.Taints = [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }];
        Server.Store.Create(node);
        Server.Store.Create(Node("plain"));

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("p", p =>
        {
            p.Spec.NodeSelector = new Dictionary<string, string> { ["accelerator"] = "yes" };
            p.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" }];
        }), TestPods.Namespace);

        var bound = await EventuallyAsync(() => Client.CoreV1.ReadNamespacedPodAsync("p", TestPods.Namespace),
            p => p.Spec.NodeName is not null, "binding");
        Assert.Equal("gpu", bound.Spec.NodeName);
    }
}
