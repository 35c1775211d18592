using System.Collections.Immutable;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// Histories and open watchers, per resource. Not thread-safe by itself: every call happens under
/// the store's write lock, which is what makes "snapshot + subscribe" atomic and gap-free.
/// </summary>
internal sealed class WatchHub(int historyCapacity)
{
    private readonly Dictionary<string, ResourceHistory> _histories = [];
    private readonly Dictionary<string, ImmutableArray<WatchSubscriber>> _subscribers = [];

    public ResourceHistory History(string resourceKey)
    {
        if (!_histories.TryGetValue(resourceKey, out var history))
        {
            history = new ResourceHistory(historyCapacity);
            _histories[resourceKey] = history;
        }
        return history;
    }

    /// <summary>Records the event and hands it to every watcher of its resource.</summary>
    public void Publish(WatchEvent e)
    {
        History(e.Resource.Key).Add(e);
        if (_subscribers.TryGetValue(e.Resource.Key, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Offer(e);
            }
        }
    }

    public void Add(WatchSubscriber subscriber)
    {
        var key = subscriber.Resource.Key;
        _subscribers[key] = _subscribers.GetValueOrDefault(key, []).Add(subscriber);
    }

    public void Remove(WatchSubscriber subscriber)
    {
        var key = subscriber.Resource.Key;
        if (_subscribers.TryGetValue(key, out var subscribers))
        {
            _subscribers[key] = subscribers.Remove(subscriber);
        }
        subscriber.Close();
    }

    public int Count => _subscribers.Values.Sum(s => s.Length);
}
