using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// Watches the pods of one label selector from a given resourceVersion, so nothing between that read and the watch
/// is missed, and keeps the fewest pods that were Ready and not terminating at once: what a Service could send
/// traffic to. A terminating pod counts as gone, as EndpointSlices mark it not ready.
/// </summary>
public sealed class ReadyPodsTracker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _ready = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private int _fewest;

    /// <param name="initial">The LIST of the same selector: its pods are the starting point, its resourceVersion where the watch starts.</param>
    public ReadyPodsTracker(IKubernetes client, string ns, string labelSelector, V1PodList initial)
    {
        foreach (var pod in initial.Items)
        {
            _ready[pod.Metadata.Uid] = IsReady(WatchEventType.Added, pod);
        }

        _fewest = ReadyNow;
        _loop = Task.Run(() => WatchAsync(client, ns, labelSelector, initial.Metadata.ResourceVersion, _stop.Token));
    }

    /// <summary>The fewest Ready pods seen at any moment since the watch's resourceVersion.</summary>
    public int Fewest { get { lock (_gate) { return _fewest; } } }

    /// <summary>The watch's error, when it ended for another reason than <see cref="DisposeAsync"/>: then <see cref="Fewest"/> proves nothing.</summary>
    public Exception? Error { get; private set; }

    public int ReadyNow => _ready.Count(p => p.Value);

    private async Task WatchAsync(IKubernetes client, string ns, string labelSelector, string resourceVersion, CancellationToken stop)
    {
        try
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: labelSelector, resourceVersion: resourceVersion,
                cancellationToken: stop).ConfigureAwait(false))
            {
                Record(type, pod);
            }

            Error = new InvalidOperationException("the pod watch ended before the test did");
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Disposed: the stream may end with an I/O error rather than a cancellation.
        }
        catch (Exception e)
        {
            Error = e;
        }
    }

    private void Record(WatchEventType type, V1Pod pod)
    {
        _ready[pod.Metadata.Uid] = IsReady(type, pod);
        lock (_gate)
        {
            _fewest = Math.Min(_fewest, ReadyNow);
        }
    }

    private static bool IsReady(WatchEventType type, V1Pod pod) =>
        type != WatchEventType.Deleted && pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
