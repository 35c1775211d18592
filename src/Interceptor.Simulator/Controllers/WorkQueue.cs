using System.Threading.Channels;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// client-go's workqueue semantics on a Channel: a key waits in the queue at most once however often it is
/// added, is never handed to two workers at once, and a key added while being processed comes back after
/// <see cref="Done"/>. Failed keys come back with per-key exponential backoff.
/// </summary>
internal sealed class WorkQueue<T>(TimeProvider clock)
    where T : notnull
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Lock _gate = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, int> _failures = [];

    public void Add(T key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
        }
        _ready.Writer.TryWrite(key);
    }

    public async ValueTask<T> TakeAsync(CancellationToken ct)
    {
        var key = await _ready.Reader.ReadAsync(ct);
        lock (_gate)
        {
            _dirty.Remove(key);
            _processing.Add(key);
        }
        return key;
    }

    /// <summary>Ends processing of a key; re-queues it when it was added meanwhile.</summary>
    public void Done(T key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Contains(key);
        }
        if (again)
        {
            _ready.Writer.TryWrite(key);
        }
    }

    /// <summary>The sync failed: try again after 5 ms, 10 ms, 20 ms ... up to 1 s.</summary>
    public void Retry(T key, CancellationToken ct)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks << Math.Min(failures - 1, 20)));
        AddAfter(key, delay, ct);
    }

    /// <summary>The sync succeeded: the next failure starts the backoff afresh.</summary>
    public void Forget(T key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    public void AddAfter(T key, TimeSpan delay, CancellationToken ct) =>
        _ = Task.Delay(delay, clock, ct).ContinueWith(
            _ => Add(key), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
