using System.Collections.Concurrent;
using Interceptor.Api;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// Watches the namespace's pods and keeps a <see cref="PodSighting"/> per UID: when it appeared, on which node, when
/// it first became Ready and when it was deleted. A watch the server ends is reopened.
/// </summary>
public sealed class PodWatcher : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PodSighting> _sightings = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<TimeSpan> _now;
    private readonly Task _loop;

    public PodWatcher(IKubernetes client, string ns, Func<TimeSpan> now)
    {
        _now = now;
        _loop = Task.Run(() => WatchAsync(client, ns, _stop.Token));
    }

    public IReadOnlyList<PodSighting> Sightings => [.. _sightings.Values.OrderBy(s => s.FirstSeen)];

    private async Task WatchAsync(IKubernetes client, string ns, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, cancellationToken: stop).ConfigureAwait(false))
                {
                    Record(type, pod);
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopping: the cancelled stream may end with an I/O error rather than a cancellation; either is the end.
                return;
            }
            catch (Exception)
            {
                // The server closed the watch or fell over: reopen; the initial ADDED events only refresh what is known.
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Record(WatchEventType type, V1Pod pod)
    {
        if (type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted))
        {
            return;
        }

        var at = _now();
        var ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        _sightings.AddOrUpdate(
            pod.Metadata.Uid,
            _ => new PodSighting(pod.Metadata.Uid, pod.Metadata.Name, owner?.Kind, owner?.Name, owner?.Uid,
                IsOptedIn(pod), pod.Spec.NodeName, at,
                ready ? at : null, type == WatchEventType.Deleted ? at : null),
            (_, s) => s with
            {
                // A parked live-migration replacement gets its owner only when its ReplicaSet adopts it.
                OwnerKind = owner?.Kind ?? s.OwnerKind, OwnerName = owner?.Name ?? s.OwnerName, OwnerUid = owner?.Uid ?? s.OwnerUid,
                Node = pod.Spec.NodeName ?? s.Node,
                ReadyAt = s.ReadyAt ?? (ready ? at : null),
                GoneAt = s.GoneAt ?? (type == WatchEventType.Deleted ? at : null),
            });
    }

    public static bool IsOptedIn(V1Pod pod) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(Labels.Migrate, out var value) && value == Labels.PodOptedIn;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
