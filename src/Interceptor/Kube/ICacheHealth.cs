namespace Interceptor.Kube;

/// <summary>What readiness needs to know of a cache, whatever it holds.</summary>
public interface ICacheHealth
{
    string Resource { get; }

    /// <summary>The first LIST landed.</summary>
    bool IsSynced { get; }

    /// <summary>Synced, but out of touch with the API server for too long: its answers may be old.</summary>
    bool IsStale { get; }

    /// <summary>Time since the API server last showed the cache it is alive.</summary>
    TimeSpan SinceContact { get; }
}
