using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

public sealed class CustomResourceTests : ServerTest
{
    private const string Group = "interceptor.dev";
    private const string Version = "v1alpha1";
    private const string Plural = "podmigrations";

    private static JsonObject Migration(string name) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "PodMigration",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["podName"] = "web", ["podUID"] = "0c5b3e0e-7d3c-4cc4-9f43-9d2f5b0b1a01" },
    };

    [Fact]
    public async Task Pod_migrations_are_created_read_and_watched_through_custom_objects()
    {
        using var deadline = Deadline();
        var watch = Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
            Group, Version, Plural, watch: true, cancellationToken: deadline.Token);
        var collecting = WatchCollector.CollectAsync<JsonElement, object>(watch, e => e.Count == 1, deadline.Token);

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Migration("m1"), Group, Version, "default", Plural);
        var read = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "default", Plural, "m1");
        var events = await collecting;

        Assert.Equal("PodMigration", read.GetProperty("kind").GetString());
        Assert.Equal("default", read.GetProperty("metadata").GetProperty("namespace").GetString());
        var (type, obj) = Assert.Single(events);
        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("m1", obj.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Pod_migration_status_is_written_only_through_the_status_subresource()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Migration("m1"), Group, Version, "default", Plural);
        var statusPatch = new V1Patch("""{"status":{"phase":"Checkpointing"}}""", V1Patch.PatchType.MergePatch);

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(statusPatch, Group, Version, "default", Plural, "m1");
        var afterMain = Server.Store.Get(BuiltinResources.PodMigrations, "default", "m1");
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(statusPatch, Group, Version, "default", Plural, "m1");
        var afterStatus = Server.Store.Get(BuiltinResources.PodMigrations, "default", "m1");

        Assert.Null(afterMain["status"]);
        Assert.Equal("Checkpointing", afterStatus["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Group_resources_use_qualified_names_in_errors()
    {
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound,
            () => Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "default", Plural, "ghost"));

        Assert.Equal("podmigrations.interceptor.dev \"ghost\" not found", status.Message);
    }

    [Fact]
    public async Task Any_registered_resource_is_served_the_same_way()
    {
        Server.Store.Resources.Register("example.com", "v1", "widgets", "Widget", namespaced: false, hasStatus: false);
        var widget = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w1" }, ["spec"] = new JsonObject() };

        await Client.CustomObjects.CreateClusterCustomObjectAsync(widget, "example.com", "v1", "widgets");
        var list = (JsonElement)await Client.CustomObjects.ListClusterCustomObjectAsync("example.com", "v1", "widgets");

        Assert.Equal("WidgetList", list.GetProperty("kind").GetString());
        Assert.Equal("w1", list.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString());
    }
}
