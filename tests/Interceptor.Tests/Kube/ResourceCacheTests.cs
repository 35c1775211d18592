using Interceptor.Admission;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Simulator;
using Interceptor.Simulator.Faults;
using Interceptor.Simulator.Store;
using Interceptor.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Kube;

/// <summary>The watch-fed cache through its hard paths, against the fake API server with a five-event history.</summary>
public sealed class ResourceCacheTests : IAsyncLifetime
{
    private readonly InterceptorMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private FakeApiServer _server = null!;
    private ResourceCache<V1Pod, PodFacts> _cache = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { WatchHistorySize = 5 });
        _server.Store.Create(Pod("first"));
        // A one-second server-side watch timeout makes the cache re-watch often, from the last resourceVersion it saw.
        _cache = new(BuiltinSources.Pods(_server.CreateClient(), TimeSpan.FromSeconds(1)), PodFacts.From, _metrics, TimeProvider.System, TimeSpan.FromMinutes(2), NullLogger.Instance);
        _running = _cache.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => _cache.IsSynced && _cache.Get(Namespace, "first") is not null);
    }

    [Fact]
    public async Task Watch_events_reach_the_cache_in_order()
    {
        _server.Store.Create(Pod("web", OptedIn()));
        var pod = _server.Store.TryGet<V1Pod>(Namespace, "web")!;
        pod.Status.Phase = "Succeeded";
        _server.Store.Update(Simulator.Resources.BuiltinResources.Pods, System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(pod))!.AsObject(), UpdateScope.Status);
        await Eventually.TrueAsync(() => _cache.Get(Namespace, "web")?.Phase == "Succeeded");

        _server.Store.Delete(Simulator.Resources.BuiltinResources.Pods, Namespace, "web");
        await Eventually.TrueAsync(() => _cache.Get(Namespace, "web") is null);
    }

    [Fact]
    public async Task A_watch_resumed_from_a_compacted_resourceVersion_relists_and_misses_nothing()
    {
        var burst = false;
        // When the cache comes back to re-watch, first write more events than the server's history keeps.
        using var rule = _server.Faults.Add(r =>
        {
            if (r.IsWatch && !burst)
            {
                burst = true;
                for (var i = 0; i < 20; i++)
                {
                    _server.Store.Create(Pod($"burst-{i}"));
                }
            }

            return null;
        });

        await Eventually.TrueAsync(() => _cache.Get(Namespace, "burst-19") is not null && _cache.Get(Namespace, "burst-0") is not null, TimeSpan.FromSeconds(10));

        Assert.All(Enumerable.Range(0, 20), i => Assert.NotNull(_cache.Get(Namespace, $"burst-{i}")));
        Assert.Equal(1, _metrics.CacheRelists.WithLabels("pods", "expired").Value);
    }

    [Fact]
    public async Task An_API_outage_is_survived_and_the_cache_catches_up_afterwards()
    {
        using (_server.Faults.Add(r => r.Path.EndsWith("/pods", StringComparison.Ordinal) ? Fault.Status(503) : null))
        {
            // The open watch ends within a second; re-watching and relisting then fail. Wait for a failed relist.
            await Eventually.TrueAsync(() => _server.Requests.Count(r => r.Path.EndsWith("/pods", StringComparison.Ordinal) && !r.IsWatch) >= 2, TimeSpan.FromSeconds(10));
            _server.Store.Create(Pod("during-outage"));
            Assert.True(_cache.IsSynced, "a synced cache stays usable while the API server is away");
        }

        await Eventually.TrueAsync(() => _cache.Get(Namespace, "during-outage") is not null, TimeSpan.FromSeconds(15));
        Assert.Equal(1, _metrics.CacheRelists.WithLabels("pods", "error").Value);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _server.DisposeAsync();
    }
}
