using System.Net;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Interceptor.Simulator.Store;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class CrudTests : ServerTest
{
    [Fact]
    public async Task Create_sets_server_owned_metadata_and_get_returns_it()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var read = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("Pending", read.Status.Phase);
        Assert.Equal(("v1", "Pod"), (read.ApiVersion, read.Kind));
    }

    [Fact]
    public async Task Every_write_gets_a_higher_resource_version_from_one_global_counter()
    {
        var a = await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
        var node = await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });
        var b = await Client.CoreV1.CreateNamespacedPodAsync(Pod("b"), Namespace);

        var versions = new[] { a, (IMetadata<V1ObjectMeta>)node, b }.Select(o => long.Parse(o.Metadata.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Create_with_generate_name_picks_a_unique_name()
    {
        var pod = Pod(null!);
        pod.Metadata.GenerateName = "worker-";

        var first = await Client.CoreV1.CreateNamespacedPodAsync(pod, Namespace);
        var second = await Client.CoreV1.CreateNamespacedPodAsync(pod, Namespace);

        Assert.StartsWith("worker-", first.Metadata.Name);
        Assert.Equal("worker-".Length + 5, first.Metadata.Name.Length);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Create_twice_is_409_already_exists()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace));

        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("pods \"web\" already exists", status.Message);
    }

    [Fact]
    public async Task Create_without_name_or_generate_name_is_422_invalid()
    {
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity,
            () => Client.CoreV1.CreateNamespacedPodAsync(Pod(null!), Namespace));

        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Pod \"\" is invalid: metadata.name: Required value: name or generateName is required", status.Message);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_with_the_real_message()
    {
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound,
            () => Client.CoreV1.ReadNamespacedPodAsync("ghost", Namespace));

        Assert.Equal(("NotFound", "pods \"ghost\" not found"), (status.Reason, status.Message));
    }

    [Fact]
    public async Task Cluster_scoped_objects_have_no_namespace()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } });

        var ns = await Client.CoreV1.ReadNamespaceAsync("team-a");

        Assert.Null(ns.Metadata.NamespaceProperty);
        Assert.Equal("Active", ns.Status.Phase);
    }

    [Fact]
    public async Task Seeding_through_the_store_is_visible_over_http()
    {
        var seeded = Server.Store.Create(Pod("seeded", OnNode("n1")));

        var read = await Client.CoreV1.ReadNamespacedPodAsync("seeded", Namespace);

        Assert.Equal(("n1", seeded.Metadata.Uid), (read.Spec.NodeName, read.Metadata.Uid));
        Assert.Equal("n1", Server.Store.TryGet<V1Pod>(Namespace, "seeded")?.Spec.NodeName);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_409_conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var fresh = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);
        fresh.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
        await Client.CoreV1.ReplaceNamespacedPodAsync(fresh, "web", Namespace);

        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "stale" };
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", Namespace));

        Assert.Equal("Conflict", status.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on pods \"web\": the object has been modified; " +
            "please apply your changes to the latest version and try again",
            status.Message);
    }

    [Fact]
    public async Task Update_without_a_resource_version_is_unconditional()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var blind = Pod("web", WithLabel("v", "2"));

        var updated = await Client.CoreV1.ReplaceNamespacedPodAsync(blind, "web", Namespace);

        Assert.Equal("2", updated.Metadata.Labels["v"]);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_resource_version()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);

        var updated = await Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", Namespace);

        Assert.Equal(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Namespace_existence_is_checked_only_when_enabled()
    {
        await using var strict = await FakeApiServer.StartAsync(new FakeApiServerOptions { CheckNamespaceExists = true });
        using var client = strict.CreateClient();

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound,
            () => client.CoreV1.CreateNamespacedPodAsync(Pod("web", InNamespace("nope")), "nope"));
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", InNamespace("nope")), "nope");

        Assert.Equal("namespaces \"nope\" not found", status.Message);
    }
}
