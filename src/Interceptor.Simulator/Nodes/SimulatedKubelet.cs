using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The pod half of a simulated kubelet: watches pods bound to its node, admits them (resolving checkpoint images),
/// and on every sync writes the status <see cref="PodStatusPlanner"/> computes, removes pods whose containers have
/// stopped after a deletion, and wakes up again when the status next changes by itself.
/// </summary>
/// <remarks>
/// Gather, decide, act: the plan is computed inside the store's read-modify-write, so a readiness-gate condition
/// written by someone else at the same moment is never overwritten by a stale status.
/// </remarks>
internal sealed class SimulatedKubelet : IAsyncDisposable
{
    private static readonly ResourceType Pods = BuiltinResources.Pods;

    private readonly FakeObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly SimulatedNode _node;
    private readonly KubeletWorkQueue _queue;
    private readonly ConcurrentDictionary<string, PodRuntime> _pods = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;
    private readonly Task _working;
    private int _nextPodIP = 1;
    private volatile bool _posting = true;

    public SimulatedKubelet(FakeObjectStore store, TimeProvider clock, SimulatedNode node)
    {
        _store = store;
        _clock = clock;
        _node = node;
        _queue = new KubeletWorkQueue(clock);
        _watching = Task.Run(() => WatchAsync(_stopping.Token));
        _working = Task.Run(() => WorkAsync(_stopping.Token));
    }

    /// <summary>The last error a sync ran into (it is retried), for diagnosing a test.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>The runtime record of a pod on this node, or null when the kubelet has not admitted it.</summary>
    public PodRuntime? Runtime(string ns, string name) => _pods.GetValueOrDefault(Key(ns, name));

    /// <summary>Stops (false) or resumes (true) syncing: a failed node's kubelet does nothing.</summary>
    public void SetPosting(bool posting)
    {
        _posting = posting;
        if (posting)
        {
            foreach (var pod in _store.List(Pods).Items.Where(p => PodFields.NodeName(p) == _node.Name))
            {
                _queue.Enqueue(Key(Meta.Namespace(pod)!, Meta.Name(pod)!));
            }
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // A watch closed for falling behind is reopened; the initial ADDEDs then re-sync every pod.
            using var watch = _store.OpenWatch(Pods, ObjectFilter.Everything, resourceVersion: null);
            foreach (var e in watch.Initial)
            {
                Offer(e);
            }
            if (watch.Subscriber is null)
            {
                continue;
            }
            try
            {
                await foreach (var e in watch.Subscriber.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    Offer(e);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Offer(WatchEvent e)
    {
        var mine = PodFields.NodeName(e.Object) == _node.Name || (e.Previous is { } before && PodFields.NodeName(before) == _node.Name);
        if (mine)
        {
            _queue.Enqueue(Key(Meta.Namespace(e.Object)!, Meta.Name(e.Object)!));
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var key in _queue.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await SyncAsync(key, ct).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Like a kubelet pod worker: record it and try again shortly rather than drop the pod.
                    LastError = error;
                    _queue.EnqueueAt(key, _clock.GetUtcNow() + TimeSpan.FromMilliseconds(100));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SyncAsync(string key, CancellationToken ct)
    {
        var (ns, name) = Split(key);
        var pod = _store.TryGet(Pods, ns, name);
        if (pod is null || PodFields.NodeName(pod) != _node.Name)
        {
            _pods.TryRemove(key, out _);
            _queue.Forget(key);
            return;
        }
        if (!_posting)
        {
            return;
        }
        var runtime = await RuntimeForAsync(key, pod, ct).ConfigureAwait(false);
        if (runtime is null)
        {
            return;
        }
        var plan = WriteStatus(ns, name, runtime);
        if (plan is { Remove: true })
        {
            Remove(ns, name, runtime.Uid);
            _pods.TryRemove(key, out _);
            _queue.Forget(key);
        }
        else if (plan?.WakeAt is { } wake)
        {
            _queue.EnqueueAt(key, wake);
        }
    }

    /// <summary>The pod's runtime record: admitted on first sight (a new UID under the same name is a new pod), killed once deleted.</summary>
    private async Task<PodRuntime?> RuntimeForAsync(string key, JsonObject pod, CancellationToken ct)
    {
        var uid = Meta.Uid(pod) ?? "";
        if (!_pods.TryGetValue(key, out var runtime) || runtime.Uid != uid)
        {
            if (PodFields.Phase(pod) is "Succeeded" or "Failed")
            {
                // A terminal pod's containers are never started again.
                return null;
            }
            runtime = await AdmitAsync(pod, uid, ct).ConfigureAwait(false);
        }
        if (PodFields.DeletionTimestamp(pod) is not null && runtime.KillRequestedAt is null)
        {
            runtime = runtime with { KillRequestedAt = _clock.GetUtcNow() };
        }
        _pods[key] = runtime;
        return runtime;
    }

    private async Task<PodRuntime> AdmitAsync(JsonObject pod, string uid, CancellationToken ct)
    {
        var options = _node.Options;
        var containers = new List<ContainerRuntime>();
        foreach (var (name, image) in PodFields.Containers(pod))
        {
            var restore = await CheckpointRestore.ResolveAsync(
                _node.Images, image, options.RestoreSupport, ContainerCommand.Of(pod, name), ct).ConfigureAwait(false);
            var imageId = restore.BaseImageId ?? RuntimeIds.ImageId(image);
            containers.Add(new ContainerRuntime(name, image, RuntimeIds.ContainerId(), options.ReportsRepoDigest ? imageId : RuntimeIds.BareId(imageId),
                restore.InitialCounter, restore.Restored, restore.Error, restore.BaseImage));
        }
        var restoring = containers.Any(c => c.Restored);
        var now = _clock.GetUtcNow();
        var startDelay = restoring ? options.RestoreDelay : options.StartDelay;
        // A pod already Running when the kubelet first sees it (seeded, or a kubelet restart) keeps running.
        var admittedAt = PodFields.Phase(pod) == "Running" ? now - startDelay - options.ReadyDelay : now;
        return new PodRuntime(uid, admittedAt, startDelay, options.ReadyDelay, options.StopDuration,
            _node.PodIP(Interlocked.Increment(ref _nextPodIP)), containers);
    }

    private PodPlan? WriteStatus(string ns, string name, PodRuntime runtime)
    {
        PodPlan? plan = null;
        try
        {
            _store.Modify(Pods, ns, name, current =>
            {
                if (Meta.Uid(current) != runtime.Uid)
                {
                    return current;
                }
                plan = PodStatusPlanner.Plan(current, runtime, _node.InternalIP, _clock.GetUtcNow());
                current["status"] = plan.Status;
                return current;
            }, UpdateScope.Status);
        }
        catch (ApiStatusException gone) when (gone.Code == 404)
        {
            return null;
        }
        return plan;
    }

    /// <summary>The kubelet's final delete once the containers stopped: grace 0, only this pod (UID precondition).</summary>
    private void Remove(string ns, string name, string uid)
    {
        try
        {
            _store.Delete(Pods, ns, name, new Preconditions(uid, null), new JsonObject { ["gracePeriodSeconds"] = 0 });
        }
        catch (ApiStatusException done) when (done.Code is 404 or 409)
        {
            // Already gone, or replaced by a new pod of the same name: nothing of ours is left.
        }
    }

    private static string Key(string ns, string name) => ns + "/" + name;

    private static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Dispose();
        await Task.WhenAll(_watching, _working).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
