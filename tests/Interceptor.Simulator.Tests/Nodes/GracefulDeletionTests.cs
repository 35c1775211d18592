using System.Diagnostics;
using System.Net;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s.Models;
using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

public sealed class GracefulDeletionTests : NodeTest
{
    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_and_removed_when_the_grace_period_ends()
    {
        await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { StopDuration = Timeout.InfiniteTimeSpan });
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("web");

        var clock = Stopwatch.StartNew();
        var marked = await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 2 });

        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(2, marked.Metadata.DeletionGracePeriodSeconds);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var terminating = await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace);
        Assert.Equal("Running", terminating.Status.Phase);

        await WaitForGoneAsync("web");
        // deletionTimestamp has whole seconds, so the deadline may fall up to a second before now + grace.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_process_that_exits_on_SIGTERM_ends_Succeeded_before_the_grace_period_and_is_removed()
    {
        await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { StopDuration = TimeSpan.FromMilliseconds(300) });
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a"), WithGracePeriod(30)), TestPods.Namespace);
        await WaitForReadyAsync("web");
        using var deadline = Deadline();
        var watch = WatchCollector.CollectAsync<V1Pod, V1PodList>(
            Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(TestPods.Namespace, watch: true, cancellationToken: deadline.Token),
            events => events.Any(e => e.Type == k8s.WatchEventType.Deleted), deadline.Token);

        var clock = Stopwatch.StartNew();
        var marked = await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace);
        var events = await watch;

        Assert.Equal(30, marked.Metadata.DeletionGracePeriodSeconds);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        var last = events.Last(e => e.Type == k8s.WatchEventType.Modified).Object;
        Assert.Equal("Succeeded", last.Status.Phase);
        var terminated = last.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(0, terminated.ExitCode);
        Assert.Equal("Completed", terminated.Reason);
    }

    [Fact]
    public async Task A_grace_period_of_zero_removes_the_pod_at_once()
    {
        await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { StopDuration = Timeout.InfiniteTimeSpan });
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("web");

        await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 0 });

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound, () => Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace));
    }

    [Fact]
    public async Task A_second_delete_may_shorten_the_grace_period_but_never_extend_it()
    {
        await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { StopDuration = Timeout.InfiniteTimeSpan });
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("web");

        var first = await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 60 });
        var longer = await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 120 });
        Assert.Equal(60, longer.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(first.Metadata.DeletionTimestamp, longer.Metadata.DeletionTimestamp);

        var shorter = await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 1 });
        Assert.Equal(1, shorter.Metadata.DeletionGracePeriodSeconds);
        await WaitForGoneAsync("web");
    }

    [Fact]
    public async Task Pods_of_a_failed_node_stay_Terminating_until_the_node_is_removed()
    {
        var node = await Server.Nodes.AddAsync("node-a", new SimulatedNodeOptions { PodsOnFailure = NodeFailurePodPolicy.MarkNotReady });
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("web");

        await node.FailAsync();
        var unready = await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace);
        Assert.Equal("False", Condition(unready, "Ready"));
        var nodeObject = await Client.CoreV1.ReadNodeAsync("node-a");
        Assert.Equal("Unknown", nodeObject.Status.Conditions.Single(c => c.Type == "Ready").Status);

        await Client.CoreV1.DeleteNamespacedPodAsync("web", TestPods.Namespace, new V1DeleteOptions { GracePeriodSeconds = 1 });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var stuck = await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace);
        Assert.NotNull(stuck.Metadata.DeletionTimestamp);

        await Server.Nodes.RemoveAsync("node-a");
        await WaitForGoneAsync("web");
        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound, () => Client.CoreV1.ReadNodeAsync("node-a"));
    }
}
