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
/// included, when the server ends a watch. Synced once the first LIST landed, and stays so: a stale answer
/// during a disconnect is better than none, and every decision made from it is re-checked by the API server.
/// With an <c>index</c> function, the objects are also found by that value (<see cref="Find"/>); without one (pods,
/// namespaces: the hot path) nothing more is kept or computed.
/// </summary>
public sealed class ResourceCache<TObject, TFacts>(
    IResourceSource<TObject> source,
    Func<TObject, TFacts> project,
    InterceptorMetrics metrics,
    TimeProvider time,
    ILogger logger,
    Func<TFacts, string?>? index = null)
    where TObject : IKubernetesObject<V1ObjectMeta>
    where TFacts : class
{
    private volatile ConcurrentDictionary<string, TFacts> _items = new();
    private volatile FactsIndex<TFacts>? _index = index is null ? null : new FactsIndex<TFacts>(index);
    private volatile bool _synced;

    public string Resource => source.Resource;

    public bool IsSynced => _synced;

    public int Count => _items.Count;

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

    private async Task<string> RelistAsync(string cause, CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await source.ListAsync(cancellationToken).ConfigureAwait(false);
        var fresh = new ConcurrentDictionary<string, TFacts>(StringComparer.Ordinal);
        var freshIndex = _index?.Empty();
        foreach (var item in items)
        {
            Put(fresh, freshIndex, item);
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
            await foreach (var (type, obj) in source.WatchAsync(resourceVersion, OnError, cancellationToken).ConfigureAwait(false))
            {
                Apply(type, obj);
                resourceVersion = obj.Metadata?.ResourceVersion ?? resourceVersion;
                events++;
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

            if (events == 0 && time.GetElapsedTime(started) < TimeSpan.FromSeconds(1) && !await DelayAsync(idle.Next(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

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
