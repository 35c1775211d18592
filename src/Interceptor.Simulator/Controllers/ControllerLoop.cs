using Interceptor.Simulator.Controllers.Informers;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The shape of every simulated controller (sample-controller's): watches of the store turn events into keys,
/// workers take keys and sync them against current state. Watches are the store's own, in-process: no HTTP,
/// no relist per event; only a watch the store closed for falling behind is reopened from a fresh list.
/// </summary>
internal abstract class ControllerLoop(FakeObjectStore store, TimeProvider clock, ILogger logger)
{
    protected FakeObjectStore Store => store;

    protected TimeProvider Clock => clock;

    protected WorkQueue<ObjectKey> Queue { get; } = new(clock);

    /// <summary>The watched objects as this controller's events have shown them (its informers' indexer).</summary>
    protected InformerCache Cache { get; } = new();

    /// <summary>
    /// How long each event of the watched resources other than the primary takes to reach this controller: zero, or an
    /// informer that lags the store. In kube-controller-manager every informer has its own watch, and the pod one, by
    /// far the busiest, is the one that falls behind while the owners' informer is current.
    /// </summary>
    public TimeSpan DependentInformerLag { get; init; }

    /// <summary>The resources whose events this controller maps to keys.</summary>
    protected abstract IReadOnlyList<ResourceType> Watched { get; }

    /// <summary>How many keys are synced at once (kube-controller-manager's --concurrent-*-syncs).</summary>
    protected virtual int Workers => 2;

    /// <summary>Maps one event to the keys it concerns. Runs on the watch loop: must be quick and must not throw.</summary>
    protected abstract void OnEvent(WatchEvent e);

    /// <summary>
    /// Called when a watch is reopened after falling behind: events (deletions above all) may have been missed, so
    /// by default every object of the first watched resource, the controller's primary, is queued for a sync.
    /// </summary>
    protected virtual void Resync()
    {
        foreach (var obj in Store.ListShared(Watched[0], ObjectFilter.Everything).Items)
        {
            Queue.Add(new ObjectKey(Meta.Namespace(obj) ?? "", Meta.Name(obj)!));
        }
    }

    /// <summary>Brings the world in line with the object behind <paramref name="key"/>; throwing means retry with backoff.</summary>
    protected abstract Task SyncAsync(ObjectKey key, CancellationToken ct);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll([.. Watched.Select(r => WatchAsync(r, ct)), .. Enumerable.Range(0, Workers).Select(_ => WorkAsync(ct))]);

    private async Task WatchAsync(ResourceType resource, CancellationToken ct)
    {
        for (var reopened = false; !ct.IsCancellationRequested; reopened = true)
        {
            using var watch = Store.OpenWatch(resource, ObjectFilter.Everything, resourceVersion: null);
            Cache.Replace(resource, watch.Initial);
            foreach (var e in watch.Initial)
            {
                OnEvent(e);
            }
            if (reopened)
            {
                Resync();
            }
            try
            {
                var lag = resource == Watched[0] ? TimeSpan.Zero : DependentInformerLag;
                await foreach (var e in LaggedEvents.ReadAllAsync(watch.Subscriber!.Reader, lag, Clock, ct))
                {
                    Cache.Apply(e);
                    OnEvent(e);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // The store closed this watch because the loop fell behind; the initial list of the next one catches up.
            logger.LogWarning("Watch of {Resource} fell behind; listing again", resource.Plural);
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (true)
        {
            ObjectKey key;
            try
            {
                key = await Queue.TakeAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await SyncAsync(key, ct);
                Queue.Forget(key);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Sync of {Key} failed; retrying", key);
                Queue.Retry(key, ct);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }
}
