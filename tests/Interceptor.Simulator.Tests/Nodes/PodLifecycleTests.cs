using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

public sealed class PodLifecycleTests : NodeTest
{
    [Fact]
    public async Task A_simulated_node_registers_a_ready_Node_with_capacity_addresses_and_its_kubelet_port()
    {
        var sim = await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { Cpu = "8", Labels = new Dictionary<string, string> { ["zone"] = "z1" } });

        var node = await Client.CoreV1.ReadNodeAsync("node-a");

        Assert.Equal("node-a", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("z1", node.Metadata.Labels["zone"]);
        Assert.Equal("True", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("KubeletReady", node.Status.Conditions.Single(c => c.Type == "Ready").Reason);
        Assert.Equal("8", node.Status.Capacity["cpu"].ToString());
        Assert.Equal("8", node.Status.Allocatable["cpu"].ToString());
        Assert.Contains(node.Status.Addresses, a => a.Type == "InternalIP" && a.Address == sim.InternalIP);
        Assert.Contains(node.Status.Addresses, a => a.Type == "Hostname" && a.Address == "node-a");
        Assert.Equal(sim.KubeletPort, node.Status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.NotEqual(0, sim.KubeletPort);
    }

    [Fact]
    public async Task Adding_N_nodes_names_them_by_prefix_and_number()
    {
        var nodes = await Server.Nodes.AddAsync(3);

        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Select(n => n.Name));
        var listed = await Client.CoreV1.ListNodeAsync();
        Assert.Equal(["node-1", "node-2", "node-3"], listed.Items.Select(n => n.Metadata.Name).Order());
        Assert.Equal(3, nodes.Select(n => n.InternalIP).Distinct().Count());
    }

    [Fact]
    public async Task A_bound_pod_goes_Pending_then_Running_then_Ready_with_the_kubelet_fields_filled_in()
    {
        // A readiness delay well above a loaded machine's scheduling jitter: a kubelet woken late writes Running and
        // Ready at once (as a real one can), and the Running-but-not-Ready stage this test looks at would be skipped.
        var sim = await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { StartDelay = TimeSpan.FromMilliseconds(300), ReadyDelay = TimeSpan.FromMilliseconds(1500) });
        using var deadline = Deadline();
        var watch = WatchCollector.CollectAsync<V1Pod, V1PodList>(
            Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(TestPods.Namespace, watch: true, cancellationToken: deadline.Token),
            events => events.Any(e => IsReady(e.Object)), deadline.Token);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a")), TestPods.Namespace);
        var seen = (await watch).Select(e => e.Object).ToList();

        var stages = seen.Select(p => (p.Status?.Phase, Ready: IsReady(p))).Distinct().ToList();
        Assert.Equal([("Pending", false), ("Running", false), ("Running", true)], stages);
        var creating = seen.First(p => p.Status?.ContainerStatuses is not null);
        Assert.Equal("ContainerCreating", creating.Status.ContainerStatuses[0].State.Waiting.Reason);
        var running = seen.First(p => p.Status?.Phase == "Running");
        Assert.True(running.Status.ContainerStatuses[0].Started);
        Assert.False(running.Status.ContainerStatuses[0].Ready);
        Assert.Equal("ContainersNotReady", running.Status.Conditions.Single(c => c.Type == "Ready").Reason);

        var ready = seen.Last();
        var container = ready.Status.ContainerStatuses.Single();
        Assert.True(container.Ready);
        Assert.NotNull(container.State.Running.StartedAt);
        Assert.Matches("^cri-o://[0-9a-f]{64}$", container.ContainerID);
        Assert.StartsWith("app@sha256:", container.ImageID);
        Assert.Equal(sim.InternalIP, ready.Status.HostIP);
        Assert.StartsWith("10.244.", ready.Status.PodIP);
        foreach (var type in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" })
        {
            Assert.Equal("True", Condition(ready, type));
        }
    }

    [Fact]
    public async Task A_pod_with_a_readiness_gate_is_Ready_only_once_its_condition_is_True()
    {
        await Server.Nodes.AddAsync("node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(
            TestPods.Pod("gated", TestPods.OnNode("node-a"), WithReadinessGate("interceptor.dev/serving")), TestPods.Namespace);

        var waiting = await WaitForPodAsync("gated", p => Condition(p, "ContainersReady") == "True", "ContainersReady");
        var ready = waiting.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal("ReadinessGatesNotReady", ready.Reason);
        Assert.Equal("corresponding condition of pod readiness gate \"interceptor.dev/serving\" does not exist.", ready.Message);

        await SetConditionAsync("gated", "interceptor.dev/serving", "False");
        var refused = await WaitForPodAsync("gated", p => p.Status.Conditions.Single(c => c.Type == "Ready").Message?.Contains("but False") == true, "told the gate is False");
        Assert.False(IsReady(refused));

        await SetConditionAsync("gated", "interceptor.dev/serving", "True");
        var gated = await WaitForReadyAsync("gated");
        Assert.Equal("True", Condition(gated, "interceptor.dev/serving"));
    }

    [Fact]
    public async Task A_pod_on_a_node_nobody_simulates_stays_Pending()
    {
        await Server.Nodes.AddAsync("node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("elsewhere", TestPods.OnNode("node-z")), TestPods.Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("here", TestPods.OnNode("node-a")), TestPods.Namespace);

        await WaitForReadyAsync("here");
        var elsewhere = await Client.CoreV1.ReadNamespacedPodAsync("elsewhere", TestPods.Namespace);
        Assert.Equal("Pending", elsewhere.Status.Phase);
        Assert.Null(elsewhere.Status.ContainerStatuses);
    }

    [Fact]
    public async Task With_heartbeats_the_kubelet_renews_the_Ready_condition()
    {
        await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var first = (await Client.CoreV1.ReadNodeAsync("node-a")).Status.Conditions.Single(c => c.Type == "Ready");

        // Timestamps have whole seconds: wait until the next one.
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var later = (await Client.CoreV1.ReadNodeAsync("node-a")).Status.Conditions.Single(c => c.Type == "Ready");

        Assert.True(later.LastHeartbeatTime > first.LastHeartbeatTime, $"{first.LastHeartbeatTime:O} then {later.LastHeartbeatTime:O}");
        Assert.Equal(first.LastTransitionTime, later.LastTransitionTime);
    }
}
