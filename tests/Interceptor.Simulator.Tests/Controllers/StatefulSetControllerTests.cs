using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The simulated statefulset controller: ordinal pods, OrderedReady, and same-name recreation only after the old object is gone.</summary>
public sealed class StatefulSetControllerTests : ControllerTest
{
    [Fact]
    public async Task OrderedReady_creates_the_next_ordinal_only_once_the_previous_is_running_and_ready()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("db", 2), TestPods.Namespace);
        var first = await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "db-0");
        Assert.Equal("db-0", first.Single().Metadata.Name);
        await Task.Delay(200);
        Assert.False(Exists("db-1"));

        await MarkRunningAsync("db-0");

        var both = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "db-1");
        var db1 = both.Single(p => p.Metadata.Name == "db-1");
        Assert.Equal(("db-1", "db-1", "1", "db"), (db1.Spec.Hostname, db1.Metadata.Labels["statefulset.kubernetes.io/pod-name"],
            db1.Metadata.Labels["apps.kubernetes.io/pod-index"], db1.Spec.Subdomain));
    }

    [Fact]
    public async Task A_deleted_pod_is_recreated_under_its_name_only_after_the_terminating_object_is_gone()
    {
        // Graceful deletion: the first DELETE marks the pod Terminating, a second one (the kubelet's, grace 0) removes it.
        Server.Store.SetDeletionHook(BuiltinResources.Pods, (pod, clock) => pod["metadata"]?["deletionTimestamp"] is not null
            ? DeletionDecision.RemoveNow
            : DeletionDecision.KeepAs(Terminating(pod, clock)));
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("db", 1, parallel: true), TestPods.Namespace);
        var old = (await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "db-0")).Single();
        await MarkRunningAsync("db-0");
        using var deadline = Deadline();
        var watching = WatchCollector.CollectAsync<V1Pod, V1PodList>(
            Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(TestPods.Namespace, fieldSelector: "metadata.name=db-0",
                watch: true, resourceVersion: Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cancellationToken: deadline.Token),
            events => events.Any(e => e.Type == WatchEventType.Added && e.Object.Metadata.Uid != old.Metadata.Uid),
            deadline.Token);

        await Client.CoreV1.DeleteNamespacedPodAsync("db-0", TestPods.Namespace);
        await Task.Delay(300);
        var stillTerminating = await Client.CoreV1.ReadNamespacedPodAsync("db-0", TestPods.Namespace);
        await Client.CoreV1.DeleteNamespacedPodAsync("db-0", TestPods.Namespace);
        var events = await watching;

        Assert.Equal(old.Metadata.Uid, stillTerminating.Metadata.Uid);
        Assert.NotNull(stillTerminating.Metadata.DeletionTimestamp);
        var terminating = events.FindIndex(e => e.Object.Metadata.DeletionTimestamp is not null);
        var deleted = events.FindIndex(e => e.Type == WatchEventType.Deleted && e.Object.Metadata.Uid == old.Metadata.Uid);
        var recreated = events.FindIndex(e => e.Object.Metadata.Uid != old.Metadata.Uid);
        // Terminating, then gone, and only then the new db-0: nothing with a new uid while the old one was still there.
        Assert.True(0 <= terminating && terminating < deleted && deleted < recreated, string.Join(", ", events.Select(e => e.Type)));
        Assert.Equal(WatchEventType.Added, events[recreated].Type);
    }

    private static System.Text.Json.Nodes.JsonObject Terminating(System.Text.Json.Nodes.JsonObject pod, TimeProvider clock)
    {
        Meta.Of(pod)["deletionTimestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return pod;
    }

    private static V1StatefulSet StatefulSet(string name, int replicas, bool parallel = false) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestPods.Namespace },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            PodManagementPolicy = parallel ? "Parallel" : null,
            Selector = new V1LabelSelector { MatchLabels = AppWeb },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = AppWeb },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "db", Image = "db:1" }] },
            },
        },
    };
}
