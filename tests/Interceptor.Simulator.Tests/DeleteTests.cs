using System.Net;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class DeleteTests : ServerTest
{
    [Fact]
    public async Task Delete_returns_the_object_and_removes_it()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);

        var deleted = await Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace);

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.Null(Server.Store.TryGet(Resources.BuiltinResources.Pods, Namespace, "web"));
    }

    [Fact]
    public async Task Delete_with_a_wrong_uid_precondition_is_409_and_keeps_the_object()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" } };

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace, options));

        Assert.Equal("Conflict", status.Reason);
        Assert.Contains("Precondition failed: UID in precondition: not-the-uid", status.Message);
        Assert.NotNull(Server.Store.TryGet(Resources.BuiltinResources.Pods, Namespace, "web"));
    }

    [Fact]
    public async Task Delete_with_matching_preconditions_succeeds()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var options = new V1DeleteOptions
        {
            Preconditions = new V1Preconditions { Uid = created.Metadata.Uid, ResourceVersion = created.Metadata.ResourceVersion },
        };

        await Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace, options);

        Assert.Null(Server.Store.TryGet(Resources.BuiltinResources.Pods, Namespace, "web"));
    }

    [Fact]
    public async Task Delete_with_a_stale_resource_version_precondition_is_409()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        await Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", Namespace);
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion } };

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace, options));
    }

    [Fact]
    public async Task Delete_of_a_missing_object_is_404()
    {
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound,
            () => Client.CoreV1.DeleteNamespacedPodAsync("ghost", Namespace));

        Assert.Equal("pods \"ghost\" not found", status.Message);
    }

    [Fact]
    public async Task A_deletion_hook_can_keep_the_object_marked_instead()
    {
        Server.Store.SetDeletionHook(Resources.BuiltinResources.Pods, (pod, clock) =>
        {
            pod["metadata"]!["deletionTimestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            return Store.DeletionDecision.KeepAs(pod);
        });
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);

        await Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace);

        var pod = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);
        Assert.NotNull(pod.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task A_finalizer_holds_a_deleted_pod_until_it_is_removed_then_the_update_deletes_it()
    {
        var pod = Pod("held");
        pod.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedPodAsync(pod, Namespace);

        await Client.CoreV1.DeleteNamespacedPodAsync("held", Namespace, new V1DeleteOptions { GracePeriodSeconds = 0 });

        var marked = await Client.CoreV1.ReadNamespacedPodAsync("held", Namespace);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(0, marked.Metadata.DeletionGracePeriodSeconds);
        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity, () => Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"finalizers":["example.com/hold","example.com/more"]}}""", V1Patch.PatchType.MergePatch), "held", Namespace));

        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", Namespace);

        Assert.Null(Server.Store.TryGet(Resources.BuiltinResources.Pods, Namespace, "held"));
    }
}
