using Interceptor.Admission;
using Interceptor.Diagnostics;
using Interceptor.Hosting;
using Interceptor.Kube;
using Interceptor.Simulator;
using Interceptor.Simulator.Store;
using Interceptor.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Kube;

/// <summary>
/// A watch the API server holds open without sending anything (a half-open connection looks the same from here):
/// the cache must give up on it after its idle timeout, resume from its resourceVersion, and readiness must say so
/// while it cannot.
/// </summary>
public sealed class WatchIdleTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    private readonly InterceptorMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private FakeCluster _cluster = null!;
    private ResourceCache<V1Pod, PodFacts> _cache = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        // Bookmarks well inside the idle timeout, as the real server's minute is inside the default two: a healthy watch is never cut.
        _cluster = new FakeCluster(await FakeApiServer.StartAsync(new FakeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) }));
        _cluster.Server.Store.Create(Pod("first"));
        // A long server-side timeout: only the client-side bound can end a silent watch here.
        _cache = new(BuiltinSources.Pods(_cluster.Server.CreateClient(), TimeSpan.FromMinutes(10)), PodFacts.From, _metrics, TimeProvider.System, IdleTimeout, NullLogger.Instance);
    }

    [Fact]
    public async Task A_silent_watch_is_restarted_from_its_resourceVersion_and_picks_up_what_changed_meanwhile()
    {
        using (_cluster.Hang("GET", "/pods", watchesOnly: true))
        {
            await StartAsync();
            await Eventually.TrueAsync(() => WatchRequests() >= 1, because: "the cache should have opened its watch");
            _cluster.Server.Store.Create(Pod("meanwhile"));
            await Eventually.TrueAsync(() => IdleTimeouts() >= 1, TimeSpan.FromSeconds(5), "the silent watch should have been given up");
            Assert.Null(_cache.Get(Namespace, "meanwhile"));
        }

        await Eventually.TrueAsync(() => _cache.Get(Namespace, "meanwhile") is not null, TimeSpan.FromSeconds(5), "the re-watch should deliver the pod created meanwhile");
        Assert.Equal(1, _metrics.CacheRelists.WithLabels("pods", "initial").Value);
        Assert.Equal(0, _metrics.CacheRelists.WithLabels("pods", "error").Value + _metrics.CacheRelists.WithLabels("pods", "expired").Value);
        Assert.True(WatchRequests() >= 2, "the hung watch was cut and another one delivered");
        Assert.All(WatchResourceVersions().Skip(1), rv => Assert.Equal(WatchResourceVersions()[0], rv));
    }

    [Fact]
    public async Task A_healthy_quiet_watch_kept_alive_by_bookmarks_is_never_cut()
    {
        await StartAsync();
        await Task.Delay(IdleTimeout * 3);

        Assert.Equal(0, IdleTimeouts());
        Assert.False(_cache.IsStale);
    }

    [Fact]
    public async Task Readiness_fails_while_the_watch_stays_silent_and_recovers_once_it_delivers()
    {
        var hang = _cluster.Hang("GET", "/pods", watchesOnly: true);
        await StartAsync();
        Assert.Equal(HealthStatus.Healthy, CacheSyncHealthCheck.Check([_cache]).Status);

        await Eventually.TrueAsync(() => _cache.IsStale, _cache.StaleAfter + TimeSpan.FromSeconds(3), "two idle timeouts without contact make the cache stale");
        var unready = CacheSyncHealthCheck.Check([_cache]);
        Assert.Equal(HealthStatus.Unhealthy, unready.Status);
        Assert.Contains("pods", unready.Description, StringComparison.Ordinal);

        hang.Dispose();
        await Eventually.TrueAsync(() => !_cache.IsStale, TimeSpan.FromSeconds(5), "the first bookmark of a working watch is contact again");
        Assert.Equal(HealthStatus.Healthy, CacheSyncHealthCheck.Check([_cache]).Status);
    }

    [Fact]
    public async Task A_silent_LIST_is_cut_and_retried()
    {
        using (_cluster.Hang("GET", "/pods"))
        {
            _running = _cache.RunAsync(_stop.Token);
            await Eventually.TrueAsync(() => ListRequests() >= 2, TimeSpan.FromSeconds(10), "the hung LIST should have been given up and retried");
            Assert.False(_cache.IsSynced);
        }

        await Eventually.TrueAsync(() => _cache.IsSynced && _cache.Get(Namespace, "first") is not null, TimeSpan.FromSeconds(10));
    }

    private async Task StartAsync()
    {
        _running = _cache.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => _cache.IsSynced && _cache.Get(Namespace, "first") is not null);
    }

    private double IdleTimeouts() => _metrics.CacheWatchIdleTimeouts.WithLabels("pods").Value;

    private int WatchRequests() => PodRequests(watch: true).Count;

    private int ListRequests() => PodRequests(watch: false).Count;

    private List<string?> WatchResourceVersions() => [.. PodRequests(watch: true).Select(r => r.Query("resourceVersion"))];

    private List<Simulator.Recording.RecordedRequest> PodRequests(bool watch) =>
        [.. _cluster.Server.Requests.Where(r => r.Path.EndsWith("/pods", StringComparison.Ordinal) && r.IsWatch == watch)];

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _cluster.DisposeAsync();
    }
}
