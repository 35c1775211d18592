using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.Migration;

/// <summary>
/// One KubernetesClient watch of a namespace's pods (from a LIST's resourceVersion, as an informer starts) that tells
/// when each pod was first seen Running with Ready True: the moment a controller or a script waiting on it would learn it.
/// </summary>
public sealed class ReadyWatch : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _ready = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop;
    private Task _watching = Task.CompletedTask;
    private Exception? _error;

    private ReadyWatch(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    public static async Task<ReadyWatch> StartAsync(IKubernetes client, string ns, CancellationToken ct)
    {
        var watch = new ReadyWatch(ct);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
        foreach (var pod in list.Items)
        {
            watch.Offer(pod);
        }

        watch._watching = Task.Run(() => watch.WatchAsync(client, ns, list.Metadata.ResourceVersion));
        return watch;
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the watch first saw the pod Running and Ready.</summary>
    public Task<long> ReadyAsync(string pod) =>
        Waiter(pod).Task.WaitAsync(Timeout).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"pod {pod} not Running and Ready within {Timeout.TotalSeconds:0} s", _error ?? t.Exception),
            TaskScheduler.Default);

    private async Task WatchAsync(IKubernetes client, string ns, string resourceVersion)
    {
        try
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: resourceVersion, onError: e => _error = e, cancellationToken: _stop.Token))
            {
                Offer(pod);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: every pod of interest was seen, or its waiter timed out.
        }
        catch (Exception e)
        {
            _error = e;
        }
    }

    private void Offer(V1Pod pod)
    {
        if (pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
        {
            Waiter(pod.Metadata.Name).TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    private TaskCompletionSource<long> Waiter(string pod) =>
        _ready.GetOrAdd(pod, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
