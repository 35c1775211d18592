using System.Threading.Channels;

namespace Interceptor.Kube;

/// <summary>
/// A deduplicating queue of migration keys (client-go's workqueue, in small), shared by the agent and the controller: a key is queued at most once, and
/// never handed to two workers at once; a key added while a worker holds it is handed out again when the worker
/// is done, so a change seen mid-pass is never lost.
/// </summary>
public sealed class MigrationWorkQueue(TimeProvider time)
{
    private readonly Channel<MigrationKey> _ready = Channel.CreateUnbounded<MigrationKey>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Lock _gate = new();
    private readonly HashSet<MigrationKey> _queued = [];
    private readonly HashSet<MigrationKey> _active = [];
    private readonly HashSet<MigrationKey> _dirty = [];

    /// <summary>Keys waiting for a worker (the queue-depth metric).</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    public void Add(MigrationKey key)
    {
        lock (_gate)
        {
            if (_active.Contains(key))
            {
                _dirty.Add(key);
            }
            else if (_queued.Add(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/> (backoff); dropped when <paramref name="cancellationToken"/> ends first.</summary>
    public void AddAfter(MigrationKey key, TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, time, cancellationToken).ContinueWith(
            t => Add(key), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    public async Task<MigrationKey> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _queued.Remove(key);
            _active.Add(key);
        }

        return key;
    }

    public void Done(MigrationKey key)
    {
        lock (_gate)
        {
            _active.Remove(key);
            if (!_dirty.Remove(key))
            {
                return;
            }
        }

        Add(key);
    }
}
