namespace Interceptor.Simulator.Controllers;

/// <summary>
/// pkg/controller/controller_utils.go UIDTrackingControllerExpectations, as the replicaset controller uses it: after
/// creating N pods or deleting some, a controller does not manage replicas again until its informer has shown it
/// those creations and deletions (or ExpectationsTimeout has passed), so a cache that lags its own writes cannot
/// make it create or delete twice.
/// </summary>
internal sealed class ControllerExpectations(TimeProvider clock)
{
    /// <summary>controller_utils.go ExpectationsTimeout: expectations older than this are considered satisfied.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, Pending> _pending = [];

    /// <summary>SatisfiedExpectations: nothing pending, everything observed, or too old to trust.</summary>
    public bool Satisfied(ObjectKey key)
    {
        lock (_gate)
        {
            return !_pending.TryGetValue(key, out var p)
                || (p.Adds <= 0 && p.Deletes.Count == 0)
                || clock.GetUtcNow() - p.Since > Timeout;
        }
    }

    /// <summary>ExpectCreations: replaces whatever was expected, as SetExpectations does.</summary>
    public void ExpectCreations(ObjectKey key, int count) => Set(key, new Pending(count, [], clock.GetUtcNow()));

    /// <summary>ExpectDeletions: the keys (namespace/name) of the pods about to be deleted.</summary>
    public void ExpectDeletions(ObjectKey key, IEnumerable<string> podKeys) => Set(key, new Pending(0, [.. podKeys], clock.GetUtcNow()));

    /// <summary>CreationObserved (LowerExpectations by one add); a key with no record is left alone.</summary>
    public void CreationObserved(ObjectKey key)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(key, out var p))
            {
                _pending[key] = p with { Adds = p.Adds - 1 };
            }
        }
    }

    /// <summary>DeletionObserved: lowers only for a pod this controller said it would delete.</summary>
    public void DeletionObserved(ObjectKey key, string podKey)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(key, out var p))
            {
                p.Deletes.Remove(podKey);
            }
        }
    }

    /// <summary>DeleteExpectations: the owner is gone, or everything was relisted.</summary>
    public void Forget(ObjectKey key)
    {
        lock (_gate)
        {
            _pending.Remove(key);
        }
    }

    public void ForgetAll()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    private void Set(ObjectKey key, Pending pending)
    {
        lock (_gate)
        {
            _pending[key] = pending;
        }
    }

    private sealed record Pending(int Adds, HashSet<string> Deletes, DateTimeOffset Since);
}
