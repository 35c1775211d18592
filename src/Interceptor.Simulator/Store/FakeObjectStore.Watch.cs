using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Store;

public sealed partial class FakeObjectStore
{
    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it starts with ADDED for every matching
    /// object; with one it replays newer history, or reports Expired when history no longer
    /// reaches back that far. Snapshot and subscription happen under one lock, so nothing is
    /// missed or sent twice.
    /// </summary>
    internal WatchSubscription OpenWatch(ResourceType resource, ObjectFilter filter, string? resourceVersion)
    {
        long? from = string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0"
            ? null
            : ParseResourceVersion(resourceVersion);
        lock (_gate)
        {
            var history = _hub.History(resource.Key);
            if (from is long rv && history.IsExpired(rv))
            {
                return new WatchSubscription([], null, Errors.StatusErrors.Expired(history.ExpiredMessage(rv)), _ => { });
            }
            IReadOnlyList<WatchEvent> initial = from is long since
                ? [.. history.Since(since).Select(e => EventTranslator.Translate(e, filter)).OfType<WatchEvent>()]
                : [.. CurrentAsAdded(resource, filter)];
            var subscriber = new WatchSubscriber(resource, filter, _options.WatchBufferSize);
            _hub.Add(subscriber);
            return new WatchSubscription(initial, subscriber, null, Unsubscribe);
        }
    }

    /// <summary>Queues a BOOKMARK at the current resourceVersion behind everything already queued.</summary>
    internal void EnqueueBookmark(WatchSubscriber subscriber)
    {
        lock (_gate)
        {
            subscriber.Offer(WatchEvent.Bookmark(subscriber.Resource, _state.ResourceVersion));
        }
    }

    private IEnumerable<WatchEvent> CurrentAsAdded(ResourceType resource, ObjectFilter filter) =>
        _state.Table(resource.Key).Enumerate(filter.Namespace).Where(filter.Matches).Select(o =>
            new WatchEvent(WatchEventType.Added, resource, o, null, ParseResourceVersion(Meta.ResourceVersion(o)!)));

    private void Unsubscribe(WatchSubscriber subscriber)
    {
        lock (_gate)
        {
            _hub.Remove(subscriber);
        }
    }
}
