namespace Interceptor.Simulator.Watch;

/// <summary>
/// The last N events of one resource, like the real server's per-resource watch cache.
/// Not thread-safe: the store calls it under its write lock.
/// </summary>
internal sealed class ResourceHistory(int capacity)
{
    private readonly Queue<WatchEvent> _events = new();

    /// <summary>resourceVersion of the newest event that fell out of the window (0 = none yet).</summary>
    private long _evictedUpTo;

    public void Add(WatchEvent e)
    {
        _events.Enqueue(e);
        while (_events.Count > capacity)
        {
            _evictedUpTo = _events.Dequeue().ResourceVersion;
        }
    }

    /// <summary>True when events after <paramref name="resourceVersion"/> may have been dropped.</summary>
    public bool IsExpired(long resourceVersion) => resourceVersion < _evictedUpTo;

    /// <summary>The real server's message: <c>too old resource version: R (oldest-1)</c>.</summary>
    public string ExpiredMessage(long resourceVersion) =>
        $"too old resource version: {resourceVersion} ({_evictedUpTo})";

    public IEnumerable<WatchEvent> Since(long resourceVersion) =>
        _events.Where(e => e.ResourceVersion > resourceVersion);
}
