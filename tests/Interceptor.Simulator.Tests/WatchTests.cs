using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class WatchTests : ServerTest
{
    protected override FakeApiServerOptions Options => new() { BookmarkInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Watch_sees_added_modified_deleted_in_order()
    {
        using var deadline = Deadline();
        var start = (await Client.CoreV1.ListNamespacedPodAsync(Namespace)).Metadata.ResourceVersion;
        var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
            Namespace, resourceVersion: start, watch: true, cancellationToken: deadline.Token);
        var collecting = WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, e => e.Count == 3, deadline.Token);

        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        await Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", Namespace);
        await Client.CoreV1.DeleteNamespacedPodAsync("web", Namespace);
        var events = await collecting;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        var versions = events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal("y", events[1].Object.Metadata.Labels["x"]);
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_added_for_existing_objects()
    {
        using var deadline = Deadline();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("b"), Namespace);
        var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(Namespace, watch: true, cancellationToken: deadline.Token);
        var collecting = WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, e => e.Count == 3, deadline.Token);

        await WaitForWatchersAsync(1);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("c"), Namespace);
        var events = await collecting;

        Assert.Equal(["a", "b", "c"], events.Select(e => e.Object.Metadata.Name));
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task Watch_resumes_from_a_resource_version_without_duplicates()
    {
        using var deadline = Deadline();
        var a = await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("b"), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("c"), Namespace);

        // timeoutSeconds ends the stream, so "nothing else arrived" is part of the assertion.
        var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
            Namespace, resourceVersion: a.Metadata.ResourceVersion, timeoutSeconds: 1, watch: true, cancellationToken: deadline.Token);
        var events = await WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, _ => false, deadline.Token);

        Assert.Equal(["b", "c"], events.Select(e => e.Object.Metadata.Name));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_older_than_history_gets_410_expired()
    {
        await using var small = await FakeApiServer.StartAsync(new FakeApiServerOptions { WatchHistorySize = 3 });
        using var client = small.CreateClient();
        using var deadline = Deadline();
        var first = await client.CoreV1.CreateNamespacedPodAsync(Pod("p0"), Namespace);
        for (var i = 1; i < 6; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"p{i}"), Namespace);
        }
        var errors = new List<Exception>();

        var watch = client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
            Namespace, resourceVersion: first.Metadata.ResourceVersion, watch: true, cancellationToken: deadline.Token);
        var events = await WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, _ => false, deadline.Token, errors.Add);

        Assert.Empty(events);
        var status = Assert.IsType<KubernetesException>(Assert.Single(errors)).Status;
        Assert.Equal((410, "Expired"), (status.Code, status.Reason));
        Assert.StartsWith($"too old resource version: {first.Metadata.ResourceVersion} (", status.Message);
    }

    [Fact]
    public async Task Bookmarks_arrive_with_the_current_resource_version()
    {
        using var deadline = Deadline();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
        var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
            Namespace, allowWatchBookmarks: true, watch: true, cancellationToken: deadline.Token);

        var events = await WatchCollector.CollectAsync<V1Pod, V1PodList>(
            watch, e => e.Any(x => x.Type == WatchEventType.Bookmark), deadline.Token);

        var bookmark = events.Last();
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Equal(Server.Store.ResourceVersion.ToString(), bookmark.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Selector_watch_turns_entering_and_leaving_the_selector_into_added_and_deleted()
    {
        using var deadline = Deadline();
        var start = Server.Store.ResourceVersion.ToString();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("other"), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        await Relabel("web", "web");
        var leaving = await Relabel("web", "db");

        var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
            Namespace, labelSelector: "app=web", resourceVersion: start, timeoutSeconds: 1, watch: true,
            cancellationToken: deadline.Token);
        var events = await WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, _ => false, deadline.Token);

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
        // DELETED carries the last state that matched, stamped with the change's resourceVersion.
        Assert.Equal("web", events[1].Object.Metadata.Labels["app"]);
        Assert.Equal(leaving.Metadata.ResourceVersion, events[1].Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Closing_the_client_side_removes_the_watcher()
    {
        using (var deadline = Deadline())
        {
            var watch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(Namespace, watch: true, cancellationToken: deadline.Token);
            var collecting = WatchCollector.CollectAsync<V1Pod, V1PodList>(watch, e => e.Count == 1, deadline.Token);
            await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
            await collecting;
        }

        // Leaving the loop disposes the response; HttpClient drains it for up to 2 s before closing
        // the connection, and only then does the server see the client go.
        await WaitForWatchersAsync(0);
    }

    private Task<V1Pod> Relabel(string name, string app) =>
        Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"app\":\"" + app + "\"}}}", V1Patch.PatchType.MergePatch), name, Namespace);

    private async Task WaitForWatchersAsync(int count)
    {
        using var deadline = Deadline();
        while (Server.Store.OpenWatchCount != count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
