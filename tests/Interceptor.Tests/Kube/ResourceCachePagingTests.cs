using Interceptor.Admission;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Simulator;
using Interceptor.Simulator.Store;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Kube;

/// <summary>
/// A LIST of many pages is reduced page by page (the full objects of a page are gone before the next is read, so a
/// big cluster's pods are never all in memory), yet the cache still swaps the whole snapshot in at once.
/// </summary>
public sealed class ResourceCachePagingTests : IAsyncLifetime
{
    private const int Pods = (2 * Paging.PageSize) + 7;

    private readonly CancellationTokenSource _stop = new();
    private FakeApiServer _server = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        for (var i = 0; i < Pods; i++)
        {
            _server.Store.Create(Pod($"p-{i:D4}"));
        }
    }

    [Fact]
    public async Task Each_page_is_projected_and_observed_before_the_next_is_requested_and_the_map_is_swapped_in_at_the_end()
    {
        var projected = 0;
        var observed = 0;
        var seenAtNextPage = new List<(int Projected, int Observed, bool Synced)>();
        var source = new ObservedSource<V1Pod>(BuiltinSources.Pods(_server.CreateClient(), TimeSpan.FromMinutes(5)));
        source.Observed += (type, _) => observed += type == WatchEventType.Added ? 1 : 0;
        ResourceCache<V1Pod, PodFacts> cache = null!;
        cache = new(source, pod => { projected++; return PodFacts.From(pod); }, new InterceptorMetrics(), TimeProvider.System, TimeSpan.FromMinutes(2), NullLogger.Instance);
        using var spy = _server.Faults.Add(r =>
        {
            if (!r.IsWatch && r.Query("continue") is { Length: > 0 })
            {
                lock (seenAtNextPage)
                {
                    seenAtNextPage.Add((Volatile.Read(ref projected), Volatile.Read(ref observed), cache.IsSynced));
                }
            }

            return null;
        });

        _running = cache.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => cache.IsSynced, TimeSpan.FromSeconds(10));

        Assert.Equal([(Paging.PageSize, Paging.PageSize, false), (2 * Paging.PageSize, 2 * Paging.PageSize, false)], seenAtNextPage);
        Assert.Equal(Pods, cache.Count);
        Assert.NotNull(cache.Get(Namespace, $"p-{Pods - 1:D4}"));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _server.DisposeAsync();
    }
}
