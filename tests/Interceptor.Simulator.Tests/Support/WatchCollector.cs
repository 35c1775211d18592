using k8s;
using k8s.Autorest;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// Reads a KubernetesClient watch exactly as production code does (<c>WatchAsync</c> over a
/// <c>watch: true</c> list call) and collects what arrives.
/// </summary>
public static class WatchCollector
{
    /// <summary>Collects events until <paramref name="stop"/> says so or the stream ends.</summary>
    public static async Task<List<(WatchEventType Type, T Object)>> CollectAsync<T, TList>(
        Task<HttpOperationResponse<TList>> watchCall,
        Func<List<(WatchEventType Type, T Object)>, bool> stop,
        CancellationToken ct,
        Action<Exception>? onError = null)
    {
        var events = new List<(WatchEventType, T)>();
        // WatchAsync is marked [Obsolete] ("will be deprecated") in KubernetesClient 21, but it is the
        // call the brief and much existing code use; the generated WatchList* methods wrap the same enumerator.
#pragma warning disable CS0618
        await foreach (var (type, obj) in watchCall.WatchAsync<T, TList>(onError, ct))
#pragma warning restore CS0618
        {
            events.Add((type, obj));
            if (stop(events))
            {
                break;
            }
        }
        return events;
    }
}
