using System.Net;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class PatchAndStatusTests : ServerTest
{
    [Fact]
    public async Task Merge_patch_adds_and_removes_labels()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", WithLabel("old", "1")), Namespace);
        var patch = new V1Patch("""{"metadata":{"labels":{"old":null,"new":"2"}}}""", V1Patch.PatchType.MergePatch);

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(patch, "web", Namespace);

        Assert.Equal(new Dictionary<string, string> { ["new"] = "2" }, patched.Metadata.Labels);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", WithLabel("a", "1")), Namespace);
        var patch = new V1Patch("""
            [
              {"op":"test","path":"/metadata/labels/a","value":"1"},
              {"op":"add","path":"/metadata/labels/b","value":"2"},
              {"op":"remove","path":"/metadata/labels/a"},
              {"op":"replace","path":"/spec/containers/0/image","value":"app:2"}
            ]
            """, V1Patch.PatchType.JsonPatch);

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(patch, "web", Namespace);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, patched.Metadata.Labels);
        Assert.Equal("app:2", patched.Spec.Containers[0].Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Json_patch_failing_test_is_422_and_changes_nothing()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", WithLabel("a", "1")), Namespace);
        var patch = new V1Patch("""
            [{"op":"add","path":"/metadata/labels/b","value":"2"},{"op":"test","path":"/metadata/labels/a","value":"9"}]
            """, V1Patch.PatchType.JsonPatch);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity,
            () => Client.CoreV1.PatchNamespacedPodAsync(patch, "web", Namespace));

        Assert.Equal("Invalid", status.Reason);
        var read = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Patch_carrying_a_stale_resource_version_is_409()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var patch = new V1Patch("""{"metadata":{"resourceVersion":"1","labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch);

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.PatchNamespacedPodAsync(patch, "web", Namespace));
    }

    [Fact]
    public async Task Strategic_merge_patch_sets_a_field_as_cordon_does()
    {
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });
        var patch = new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch);

        var patched = await Client.CoreV1.PatchNodeAsync(patch, "n1");

        Assert.True(patched.Spec.Unschedulable);
    }

    [Fact]
    public async Task Status_update_changes_status_and_leaves_spec_and_generation_alone()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", OnNode("n1")), Namespace);
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);
        pod.Spec.NodeName = "elsewhere";
        pod.Status.Phase = "Running";

        var updated = await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "web", Namespace);

        Assert.Equal(("n1", "Running", 1L), (updated.Spec.NodeName, updated.Status.Phase, updated.Metadata.Generation));
    }

    [Fact]
    public async Task Main_update_changes_spec_bumps_generation_and_leaves_status_alone()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);
        pod.Spec.ActiveDeadlineSeconds = 30;
        pod.Status.Phase = "Succeeded";

        var updated = await Client.CoreV1.ReplaceNamespacedPodAsync(pod, "web", Namespace);

        Assert.Equal((30L, "Pending", 2L), (updated.Spec.ActiveDeadlineSeconds, updated.Status.Phase, updated.Metadata.Generation));
    }

    [Fact]
    public async Task Status_patch_touches_only_status()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var patch = new V1Patch("""{"metadata":{"labels":{"x":"y"}},"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch);

        var patched = await Client.CoreV1.PatchNamespacedPodStatusAsync(patch, "web", Namespace);

        Assert.Equal("Running", patched.Status.Phase);
        Assert.Null(patched.Metadata.Labels);
    }
}
