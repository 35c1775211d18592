using System.Collections.Concurrent;
using Interceptor.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// A read cache fed by LIST then WATCH (an informer): answers "what is this object now" without an API call.
/// It stores only a projection of each object (<typeparamref name="TFacts"/>) to stay small.
/// Relists on 410 Gone and after errors (with backoff); re-watches from the last resourceVersion, bookmarks
/// included, when the server ends a watch, and when a watch (or a LIST page) brings nothing within
/// <paramref name="idleTimeout"/>: a half-open connection otherwise stays silent forever. Synced once the first
/// LIST landed, and stays so: a stale answer during a disconnect is better than none, and every decision made
/// from it is re-checked by the API server. <see cref="IsStale"/> says when that disconnect has lasted too long.
/// With an <c>index</c> function, the objects are also found by that value (<see cref="Find"/>); without one (pods,
/// namespaces: the hot path) nothing more is kept or computed.
/// </summary>
public sealed class ResourceCache<TObject, TFacts>(
    IResourceSource<TObject> source,
    Func<TObject, TFacts> project,
    InterceptorMetrics metrics,
    TimeProvider time,
    TimeSpan idleTimeout,
    ILogger logger,
    Func<TFacts, string?>? index = null) : ICacheHealth
    where TObject : IKubernetesObject<V1ObjectMeta>
    where TFacts : class
{
    private volatile ConcurrentDictionary<string, TFacts> _items = new();
    private volatile FactsIndex<TFacts>? _index = index is null ? null : new FactsIndex<TFacts>(index);
    private volatile bool _synced;
    private long _lastContact = time.GetTimestamp();

    public string Resource => source.Resource;

    public bool IsSynced => _synced;

    public int Count => _items.Count;

    /// <summary>Time since the API server last showed this cache it is alive: a LIST page, a watch event or bookmark, a watch it ended.</summary>
    public TimeSpan SinceContact => time.GetElapsedTime(Volatile.Read(ref _lastContact));

    /// <summary>
    /// Twice the idle timeout: a silent watch was cancelled and re-watched (or relisted) at least once meanwhile,
    /// and that still brought nothing. A healthy watch hears a bookmark about every minute.
    /// </summary>
    public TimeSpan StaleAfter => idleTimeout * 2;

    /// <summary>Synced, but out of touch with the API server for longer than <see cref="StaleAfter"/>: its answers may be old.</summary>
    public bool IsStale => _synced && SinceContact > StaleAfter;

    public TFacts? Get(string? @namespace, string name) => _items.GetValueOrDefault(Key(@namespace, name));

    /// <summary>The objects of <paramref name="namespace"/> whose index value is <paramref name="value"/>; empty without an index.</summary>
    public IReadOnlyList<TFacts> Find(string? @namespace, string value) => _index?.Find(@namespace, value) ?? [];

    /// <summary>Puts an object read directly from the API (a cache miss) in place until the watch catches up.</summary>
    public void Remember(TObject obj) => Put(_items, _index, obj);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var cause = "initial";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var resourceVersion = await RelistAsync(cause, cancellationToken).ConfigureAwait(false);
                backoff.Reset();
                await WatchUntilExpiredAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                cause = "expired";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                cause = "error";
                var delay = backoff.Next();
                logger.LogWarning(e, "Cache of {Resource} lost the API server ({Error}); relisting in {Delay}", Resource, Describe(e), delay);
                if (!await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <returns>False when the host is stopping: shutdown during a backoff is a normal end, not an error.</returns>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the LIST into a fresh map, page by page (each page's whole objects are dropped once projected, so a
    /// big cluster's pods never sit in memory at once), and swaps it in only when the last page is in.
    /// </summary>
    private async Task<string> RelistAsync(string cause, CancellationToken cancellationToken)
    {
        var fresh = new ConcurrentDictionary<string, TFacts>(StringComparer.Ordinal);
        var freshIndex = _index?.Empty();
        using var watchdog = new IdleWatchdog(idleTimeout, time, cancellationToken);
        string resourceVersion;
        try
        {
            resourceVersion = await source.ListAsync(page =>
            {
                watchdog.Kick();
                Touch();
                foreach (var item in page)
                {
                    Put(fresh, freshIndex, item);
                }
            }, watchdog.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (watchdog.Fired && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"LIST of {Resource} received nothing for {idleTimeout}", e);
        }

        // Two swaps, not one: a lookup reads either the items or the index, each consistent in itself.
        _index = freshIndex;
        _items = fresh;
        _synced = true;
        metrics.CacheRelists.WithLabels(Resource, cause).Inc();
        metrics.CacheSynced.WithLabels(Resource).Set(1);
        logger.LogInformation("Cache of {Resource} listed {Count} objects at resourceVersion {ResourceVersion} ({Cause})", Resource, fresh.Count, resourceVersion, cause);
        return resourceVersion;
    }

    /// <summary>
    /// Watches, re-watching from the newest resourceVersion seen, until the server says it is too old. Any other
    /// error inside the stream (an ERROR event, an event that could not be read) means an event may be lost: it
    /// is thrown, so the caller backs off and relists. A watch that ends at once with nothing is paced, never spun.
    /// </summary>
    private async Task WatchUntilExpiredAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var idle = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        while (true)
        {
            var expired = false;
            Exception? failure = null;
            void OnError(Exception e)
            {
                if (e is KubernetesException { Status.Code: 410 })
                {
                    expired = true;
                }
                else
                {
                    failure ??= e;
                }
            }

            var started = time.GetTimestamp();
            var events = 0;
            using var watchdog = new IdleWatchdog(idleTimeout, time, cancellationToken);
            try
            {
                await foreach (var (type, obj) in source.WatchAsync(resourceVersion, OnError, watchdog.Token).ConfigureAwait(false))
                {
                    watchdog.Kick();
                    Touch();
                    Apply(type, obj);
                    resourceVersion = obj.Metadata?.ResourceVersion ?? resourceVersion;
                    events++;
                }
            }
            catch (Exception) when (watchdog.Fired && !cancellationToken.IsCancellationRequested)
            {
                // Whatever the cancelled read surfaced as (cancellation, an aborted stream): silence, handled below.
            }

            if (watchdog.Fired && !cancellationToken.IsCancellationRequested)
            {
                // Nothing lost: every event up to resourceVersion was applied; a resourceVersion too old by now gets 410 and a relist.
                metrics.CacheWatchIdleTimeouts.WithLabels(Resource).Inc();
                logger.LogWarning("Cache of {Resource}: watch silent for {IdleTimeout} (not even a bookmark), re-watching from resourceVersion {ResourceVersion}", Resource, idleTimeout, resourceVersion);
                continue;
            }

            if (expired)
            {
                logger.LogInformation("Cache of {Resource}: resourceVersion {ResourceVersion} expired, relisting", Resource, resourceVersion);
                return;
            }

            if (failure is not null)
            {
                throw new InvalidOperationException($"watch of {Resource} failed: {Describe(failure)}", failure);
            }

            // The server ended the watch (its timeoutSeconds): it was there to end it.
            Touch();

            if (events == 0 && time.GetElapsedTime(started) < TimeSpan.FromSeconds(1) && !await DelayAsync(idle.Next(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private void Touch() => Volatile.Write(ref _lastContact, time.GetTimestamp());

    private void Apply(WatchEventType type, TObject obj)
    {
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                Put(_items, _index, obj);
                break;
            case WatchEventType.Deleted:
                if (_items.TryRemove(Key(obj.Metadata), out var previous))
                {
                    _index?.Remove(obj.Metadata.NamespaceProperty, Key(obj.Metadata), previous);
                }

                break;
            default:
                // BOOKMARK carries only a resourceVersion, already taken by the caller.
                break;
        }
    }

    private void Put(ConcurrentDictionary<string, TFacts> items, FactsIndex<TFacts>? byValue, TObject obj)
    {
        var key = Key(obj.Metadata);
        var facts = project(obj);
        if (byValue is null)
        {
            items[key] = facts;
            return;
        }

        items.TryGetValue(key, out var previous);
        items[key] = facts;
        byValue.Put(obj.Metadata.NamespaceProperty, key, previous, facts);
    }

    private static string Key(V1ObjectMeta meta) => Key(meta.NamespaceProperty, meta.Name ?? "");

    private static string Key(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException http => $"HTTP {(int)http.Response.StatusCode}",
        KubernetesException kube => $"{kube.Status?.Code} {kube.Status?.Reason}",
        _ => e.GetType().Name,
    };
}
