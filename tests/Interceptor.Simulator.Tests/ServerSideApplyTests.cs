using System.Net;
using System.Text.Json;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// Patch types per kind and server-side apply, as upstream answers them: strategic merge is refused on custom
/// resources; apply owns fields in managedFields and conflicts with other managers (fieldmanager's messages).
/// </summary>
public sealed class ServerSideApplyTests : ServerTest
{
    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_415_listing_what_custom_resources_accept()
    {
        var patch = new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.StrategicMergePatch);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnsupportedMediaType,
            () => Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "interceptor.dev", "v1alpha1", Namespace, "podmigrations", "m1"));

        Assert.Equal("the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", status.Message);
    }

    [Fact]
    public async Task Apply_creates_the_object_and_records_its_manager()
    {
        var applied = await ApplyAsync("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""", "deployer");

        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal(("deployer", "Apply", "v1", "FieldsV1"), (entry.Manager, entry.Operation, entry.ApiVersion, entry.FieldsType));
        var fields = JsonSerializer.Serialize(entry.FieldsV1);
        Assert.Contains("\"f:labels\":{\"f:app\":{}}", fields);
        Assert.Contains("\"k:{\\u0022name\\u0022:\\u0022app\\u0022}\":{\".\":{},\"f:image\":{},\"f:name\":{}}", fields);
    }

    [Fact]
    public async Task A_field_another_applier_owns_conflicts_unless_forced()
    {
        await ApplyAsync(LabelledPod("1"), "first");

        var conflict = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict, () => ApplyAsync(LabelledPod("2"), "second"));
        var forced = await ApplyAsync(LabelledPod("2"), "second", force: true);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .metadata.labels.tier", conflict.Message);
        Assert.Equal("2", forced.Metadata.Labels["tier"]);
        Assert.DoesNotContain(forced.Metadata.ManagedFields, e => e.Manager == "first" && JsonSerializer.Serialize(e.FieldsV1).Contains("f:tier"));
    }

    [Fact]
    public async Task A_field_changed_by_an_update_conflicts_with_its_manager_version_and_time()
    {
        await ApplyAsync(LabelledPod("1"), "first");
        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"tier":"9"}}}""", V1Patch.PatchType.MergePatch), "web", Namespace, fieldManager: "editor");

        var conflict = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict, () => ApplyAsync(LabelledPod("1"), "first"));

        Assert.Matches("""^Apply failed with 1 conflict: conflict with "editor" using v1 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: \.metadata\.labels\.tier$""", conflict.Message);
    }

    [Fact]
    public async Task A_field_no_longer_applied_is_removed_and_the_same_value_is_shared_without_conflict()
    {
        await ApplyAsync("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"tier":"1","extra":"x"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""", "first");

        var shared = await ApplyAsync("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"extra":"x"}}}""", "second");
        var dropped = await ApplyAsync(LabelledPod("1"), "first");

        Assert.Equal("x", shared.Metadata.Labels["extra"]);
        Assert.Equal("x", dropped.Metadata.Labels["extra"]);
        var alone = await ApplyAsync("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}""", "second");
        Assert.False(alone.Metadata.Labels.ContainsKey("extra"));
    }

    [Fact]
    public async Task Status_apply_owns_conditions_by_type_and_conflicts_per_condition()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        const string gate = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"status":{"conditions":[{"type":"interceptor.dev/serving","status":"%"}]}}""";

        await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(gate.Replace("%", "True"), V1Patch.PatchType.ApplyPatch), "web", Namespace, fieldManager: "gate");
        var conflict = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict, () =>
            Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(gate.Replace("%", "False"), V1Patch.PatchType.ApplyPatch), "web", Namespace, fieldManager: "other"));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"gate\" with subresource \"status\": .status.conditions[type=\"interceptor.dev/serving\"].status", conflict.Message);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_422_on_PatchOptions()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity, () =>
            Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(LabelledPod("1"), V1Patch.PatchType.ApplyPatch), "web", Namespace));

        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", status.Message);
    }

    private static string LabelledPod(string tier) =>
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"tier":"%"}}}""".Replace("%", tier, StringComparison.Ordinal);

    private Task<V1Pod> ApplyAsync(string config, string manager, bool force = false) =>
        Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "web", Namespace, fieldManager: manager, force: force ? true : null);
}
