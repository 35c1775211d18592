using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The simulated replicaset controller through the real client: replacement, adoption, release, ranked scale-down.</summary>
public sealed class ReplicaSetControllerTests : ControllerTest
{
    [Fact]
    public async Task A_deleted_pod_is_replaced_from_the_template_with_a_controller_reference()
    {
        Server.Store.Create(Node("n1"));
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 2), TestPods.Namespace);
        var first = await EventuallyAsync(() => PodsAsync(), pods => pods.Count == 2, "two pods");

        await Client.CoreV1.DeleteNamespacedPodAsync(first[0].Metadata.Name, TestPods.Namespace);
        var after = await EventuallyAsync(() => PodsAsync(),
            pods => pods.Count == 2 && pods.All(p => p.Metadata.Name != first[0].Metadata.Name), "a replacement");

        var replacement = after.Single(p => p.Metadata.Name != first[1].Metadata.Name);
        Assert.StartsWith("web-", replacement.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("web-", replacement.Metadata.GenerateName);
        var owner = Assert.Single(replacement.Metadata.OwnerReferences);
        Assert.Equal(("apps/v1", "ReplicaSet", "web", rs.Metadata.Uid, true, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        var status = await EventuallyAsync(() => Client.AppsV1.ReadNamespacedReplicaSetStatusAsync("web", TestPods.Namespace),
            r => r.Status?.Replicas == 2 && r.Status.ObservedGeneration == 1, "status");
        Assert.Equal(0, status.Status.ReadyReplicas ?? 0);
    }

    [Fact]
    public async Task A_matching_orphan_is_adopted_and_the_surplus_source_with_the_lowest_deletion_cost_goes()
    {
        // DESIGN section 5: the Ready replacement is relabelled to match, the RS adopts it and deletes the cheap source.
        Server.Store.Create(Node("n1"));
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 2), TestPods.Namespace);
        var pods = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2 && p.All(x => x.Spec.NodeName == "n1"), "two bound pods");
        foreach (var pod in pods)
        {
            await MarkRunningAsync(pod.Metadata.Name);
        }
        var source = pods[0].Metadata.Name;
        await AnnotateAsync(source, ScaleDownRanking.DeletionCostAnnotation, "-1000");
        await Client.CoreV1.CreateNamespacedPodAsync(
            TestPods.Pod("replacement", TestPods.OnNode("n1"), TestPods.WithLabel("app", "staging")), TestPods.Namespace);
        await MarkRunningAsync("replacement");

        await LabelAsync("replacement", "app", "web");

        var after = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2 && p.All(x => x.Metadata.Name != source), "the source gone");
        Assert.Equal(new[] { pods[1].Metadata.Name, "replacement" }.Order(StringComparer.Ordinal), after.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(after, p => Assert.Equal(rs.Metadata.Uid, ControllerUid(p)));
    }

    [Fact]
    public async Task A_replacement_that_matches_while_still_Pending_is_adopted_and_deleted_instead_of_the_source()
    {
        // DESIGN section 5, the wrong order: Pending ranks before Running whatever the deletion cost says.
        Server.Store.Create(Node("n1"));
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 1), TestPods.Namespace);
        var source = (await EventuallyAsync(() => PodsAsync(), p => p.Count == 1 && p[0].Spec.NodeName == "n1", "one bound pod")).Single();
        await MarkRunningAsync(source.Metadata.Name);
        await AnnotateAsync(source.Metadata.Name, ScaleDownRanking.DeletionCostAnnotation, "-1000");
        using var deadline = Deadline();
        // Watch from a resourceVersion read before the create: the controller may create and delete the replacement
        // before a watch without one is registered, which would then see neither event.
        var since = (await Client.CoreV1.ListNamespacedPodAsync(TestPods.Namespace)).Metadata.ResourceVersion;
        var watching = WatchCollector.CollectAsync<V1Pod, V1PodList>(
            Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(TestPods.Namespace, fieldSelector: "metadata.name=replacement",
                watch: true, resourceVersion: since, cancellationToken: deadline.Token),
            events => events.Any(e => e.Type == WatchEventType.Deleted), deadline.Token);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("replacement", TestPods.OnNode("n1"), TestPods.WithLabel("app", "web")), TestPods.Namespace);
        var events = await watching;

        Assert.Contains(events, e => ControllerUid(e.Object) == rs.Metadata.Uid);
        Assert.Equal(WatchEventType.Deleted, events[^1].Type);
        Assert.Equal(source.Metadata.Name, (await PodsAsync()).Single().Metadata.Name);
    }

    [Fact]
    public async Task An_owned_pod_relabelled_out_of_the_selector_is_released_and_replaced()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 1), TestPods.Namespace);
        var original = (await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod")).Single().Metadata.Name;

        await LabelAsync(original, "app", "quarantine");

        var replacement = await EventuallyAsync(() => PodsAsync(), p => p.Count == 1 && p[0].Metadata.Name != original, "a replacement");
        var released = await EventuallyAsync(() => Client.CoreV1.ReadNamespacedPodAsync(original, TestPods.Namespace),
            p => p.Metadata.OwnerReferences is null or { Count: 0 }, "the release");
        Assert.Equal("quarantine", released.Metadata.Labels["app"]);
        Assert.NotNull(ControllerUid(replacement.Single()));
    }

    [Fact]
    public async Task Scale_down_deletes_not_ready_pods_first_then_the_lowest_deletion_cost()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 4), TestPods.Namespace);
        var names = (await EventuallyAsync(() => PodsAsync(), p => p.Count == 4 && p.All(x => x.Spec.NodeName == "n1"), "four bound pods"))
            .Select(p => p.Metadata.Name).ToList();
        var (plain, notReady, expensive, cheap) = (names[0], names[1], names[2], names[3]);
        await MarkRunningAsync(plain);
        await MarkRunningAsync(notReady, ready: false);
        await MarkRunningAsync(expensive);
        await MarkRunningAsync(cheap);
        // The not-ready pod is the most expensive of all: readiness is compared before the deletion cost.
        await AnnotateAsync(notReady, ScaleDownRanking.DeletionCostAnnotation, "5000");
        await AnnotateAsync(expensive, ScaleDownRanking.DeletionCostAnnotation, "100");
        await AnnotateAsync(cheap, ScaleDownRanking.DeletionCostAnnotation, "-5");

        await ScaleAsync(2);
        var afterTwo = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "two pods left");
        await ScaleAsync(1);
        var afterOne = await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod left");

        Assert.Equal(new[] { plain, expensive }.Order(StringComparer.Ordinal), afterTwo.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(expensive, afterOne.Single().Metadata.Name);
    }

    [Fact]
    public async Task Terminating_pods_are_not_counted_and_get_a_replacement_at_once()
    {
        // A graceful deletion keeps the pod with a deletionTimestamp until a kubelet removes it.
        Server.Store.SetDeletionHook(Interceptor.Simulator.Resources.BuiltinResources.Pods, (pod, clock) =>
        {
            Meta.Of(pod)["deletionTimestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return DeletionDecision.KeepAs(pod);
        });
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 1), TestPods.Namespace);
        var original = (await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod")).Single().Metadata.Name;

        await Client.CoreV1.DeleteNamespacedPodAsync(original, TestPods.Namespace);

        var pods = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "a replacement beside the terminating pod");
        Assert.NotNull(pods.Single(p => p.Metadata.Name == original).Metadata.DeletionTimestamp);
        var status = await EventuallyAsync(() => Client.AppsV1.ReadNamespacedReplicaSetStatusAsync("web", TestPods.Namespace),
            r => r.Status?.Replicas == 1, "status counting the active pod only");
        Assert.Equal(1, status.Status.Replicas);
    }

    private Task ScaleAsync(int replicas) => Client.AppsV1.PatchNamespacedReplicaSetAsync(
        new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch),
        "web", TestPods.Namespace);

    private Task LabelAsync(string pod, string key, string value) => PatchMetadataAsync(pod, "labels", key, value);

    private Task AnnotateAsync(string pod, string key, string value) => PatchMetadataAsync(pod, "annotations", key, value);

    private Task PatchMetadataAsync(string pod, string field, string key, string value)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { [field] = new JsonObject { [key] = value } } };
        return Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod, TestPods.Namespace);
    }
}
