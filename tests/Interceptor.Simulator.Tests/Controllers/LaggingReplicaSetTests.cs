using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Tests.Support;
using StoreEvent = Interceptor.Simulator.Watch.WatchEventType;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// The ReplicaSet controller behind a lagging informer (FakeApiServerOptions.ReplicaSetPodInformerLag): expectations keep
/// it from acting twice on its own unobserved writes, while a client racing the controller's stale view loses.
/// </summary>
public sealed class LaggingReplicaSetTests : ControllerTest
{
    private static readonly TimeSpan Lag = TimeSpan.FromMilliseconds(400);

    protected override FakeApiServerOptions Options => new() { Controllers = SimulatedControllers.ReplicaSets, ReplicaSetPodInformerLag = Lag };

    [Fact]
    public async Task Syncs_before_its_own_creations_are_observed_and_a_scale_down_up_race_never_over_create()
    {
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 3), TestPods.Namespace);
        for (var i = 0; i < 5; i++)
        {
            // Each change is one more sync while the cache has not yet shown the pods the first sync created.
            await PatchAsync(new { metadata = new { annotations = new Dictionary<string, string> { ["poke"] = $"{i}" } } });
            await Task.Delay(40);
        }
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 3, "three pods");
        await PatchAsync(new { spec = new { replicas = 1 } });
        await Task.Delay(100);
        await PatchAsync(new { spec = new { replicas = 3 } });
        await Task.Delay(Lag * 4);

        Assert.Equal(3, (await PodsAsync()).Count);
        Assert.True(MostPodsAtOnce() <= 3, $"at most 3 pods at any time, saw {MostPodsAtOnce()}");
    }

    [Fact]
    public async Task A_scale_down_issued_before_the_readiness_flip_is_observed_deletes_the_pod_that_just_became_Ready()
    {
        var (source, target) = await TwoPodsAsync();

        // The commit point done in the wrong order: scale down, then make the target Ready and the source not.
        await PatchAsync(new { spec = new { replicas = 1 } });
        await MarkRunningAsync(source, ready: false);
        var flip = await Record.ExceptionAsync(() => MarkRunningAsync(target, ready: true));
        var left = await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod left");

        // The controller ranked the pods as its pod cache showed them a lag ago: the target was still not Ready, and may
        // be gone before the client even flips it.
        Assert.Equal(source, Assert.Single(left).Metadata.Name);
        Assert.True(flip is null || flip is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.NotFound }, flip?.Message);
    }

    [Fact]
    public async Task The_same_commit_point_waiting_out_the_lag_before_the_scale_down_deletes_the_source()
    {
        var (source, target) = await TwoPodsAsync();

        await MarkRunningAsync(source, ready: false);
        await MarkRunningAsync(target, ready: true);
        await Task.Delay(Lag * 2);
        await PatchAsync(new { spec = new { replicas = 1 } });
        var left = await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod left");

        Assert.Equal(target, Assert.Single(left).Metadata.Name);
    }

    /// <summary>A ReplicaSet of two: the source Ready for a minute, the target not yet, both seen so by the controller.</summary>
    private async Task<(string Source, string Target)> TwoPodsAsync()
    {
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 2), TestPods.Namespace);
        var pods = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "two pods");
        var (source, target) = (pods[0].Metadata.Name, pods[1].Metadata.Name);
        await MarkRunningAsync(source, ready: true, readySince: DateTimeOffset.UtcNow.AddMinutes(-1));
        await MarkRunningAsync(target, ready: false);
        await EventuallyAsync(() => Client.AppsV1.ReadNamespacedReplicaSetAsync("web", TestPods.Namespace), rs => rs.Status?.ReadyReplicas == 1, "the controller to see one Ready pod");
        return (source, target);
    }

    private Task PatchAsync(object patch) =>
        Client.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), "web", TestPods.Namespace);

    /// <summary>Replays the store's pod history: the largest number of pods that existed at once.</summary>
    private int MostPodsAtOnce()
    {
        using var history = Server.Store.OpenWatch(BuiltinResources.Pods, ObjectFilter.Everything, "1");
        var (live, most) = (0, 0);
        foreach (var e in history.Initial)
        {
            live += e.Type switch { StoreEvent.Added => 1, StoreEvent.Deleted => -1, _ => 0 };
            most = Math.Max(most, live);
        }
        return most;
    }
}
