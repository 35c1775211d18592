namespace Interceptor.Diagnostics;

/// <summary>Reasons of the Kubernetes Events Interceptor records (the REASON column of kubectl get events).</summary>
public static class EventReasons
{
    /// <summary>On the pod: an eviction was turned into a live migration.</summary>
    public const string EvictionIntercepted = "EvictionIntercepted";

    /// <summary>On the pod: an eviction was let through although the pod is opted in (failure policy Evict, or fail-open).</summary>
    public const string EvictionAllowed = "EvictionAllowed";
}
