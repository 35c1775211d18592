using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>KEP-4563's lifecycle.k8s.io/v1alpha1 served when switched on, as on a 1.37 cluster with the gate on.</summary>
public sealed class EvictionRequestApiTests : ServerTest
{
    private const string Group = "lifecycle.k8s.io";
    private const string Version = "v1alpha1";

    protected override FakeApiServerOptions Options => new() { EvictionRequestApi = true };

    [Fact]
    public async Task Discovery_lists_evictions_and_eviction_requests_with_their_status()
    {
        var resources = await Client.CustomObjects.GetAPIResourcesAsync(Group, Version);

        var names = resources.Resources.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["evictionrequests", "evictionrequests/status", "evictions", "evictions/status"], names);
        Assert.All(resources.Resources.Where(r => !r.Name.Contains('/', StringComparison.Ordinal)), r => Assert.True(r.Namespaced));
    }

    [Fact]
    public async Task A_responder_watches_evictions_and_writes_its_heartbeat_through_status()
    {
        using var deadline = Deadline();
        // From a resourceVersion read first, so both events are replayed however late the watch is registered.
        var since = ((JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, "default", "evictions"))
            .GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var watch = Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
            Group, Version, "default", "evictions", watch: true, resourceVersion: since, cancellationToken: deadline.Token);
        var collecting = WatchCollector.CollectAsync<JsonElement, object>(watch, e => e.Count == 2, deadline.Token);

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Eviction("web-0"), Group, Version, "default", "evictions");
        var heartbeat = new V1Patch("""{"status":{"responders":[{"name":"interceptor.dev/live-migration","heartbeatTime":"2026-11-22T10:00:00Z","message":"checkpointing"}]}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(heartbeat, Group, Version, "default", "evictions", "web-0");
        var events = await collecting;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified], events.Select(e => e.Item1));
        var responder = events[1].Item2.GetProperty("status").GetProperty("responders")[0];
        Assert.Equal("interceptor.dev/live-migration", responder.GetProperty("name").GetString());
        Assert.Equal("web-0", events[1].Item2.GetProperty("spec").GetProperty("target").GetProperty("podRef").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_the_gate_the_group_is_not_served()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync();
        var create = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(Eviction("web-0"), Group, Version, "default", "evictions"));

        Assert.DoesNotContain(groups.Groups, g => g.Name == Group);
        Assert.Equal(HttpStatusCode.NotFound, create.Response.StatusCode);
    }

    private static JsonObject Eviction(string pod) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "Eviction",
        ["metadata"] = new JsonObject { ["name"] = pod },
        ["spec"] = new JsonObject { ["target"] = new JsonObject { ["podRef"] = new JsonObject { ["name"] = pod, ["uid"] = "uid-" + pod } } },
    };
}
