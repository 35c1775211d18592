using System.Threading.Channels;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The kubelet's pod work queue: keys ("namespace/name"), not objects, deduplicated while waiting, so a burst of
/// watch events for one pod costs one sync that re-reads the current state. Delayed re-syncs use the clock's timers.
/// </summary>
internal sealed class KubeletWorkQueue(TimeProvider clock) : IDisposable
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = [];
    private readonly Dictionary<string, ITimer> _timers = [];
    private readonly Lock _gate = new();

    public void Enqueue(string key)
    {
        lock (_gate)
        {
            if (_queued.Add(key))
            {
                _channel.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Syncs <paramref name="key"/> again at <paramref name="at"/>, replacing an earlier wake-up for it.</summary>
    public void EnqueueAt(string key, DateTimeOffset at)
    {
        var delay = at - clock.GetUtcNow();
        lock (_gate)
        {
            Forget(key);
            _timers[key] = clock.CreateTimer(_ => Enqueue(key), null, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Drops a pending wake-up (the pod is gone).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            if (_timers.Remove(key, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    public async IAsyncEnumerable<string> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var key in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            lock (_gate)
            {
                _queued.Remove(key);
            }
            yield return key;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }
            _timers.Clear();
        }
        _channel.Writer.TryComplete();
    }
}
