using System.Threading.Channels;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The bare endpoint's watch: every patch becomes one event line that goes to every open watch stream. No store,
/// no history, no selectors: only the fan-out through Kestrel, to compare the fake server's watch delivery with.
/// Like the fake server, a watcher whose buffer fills up is dropped rather than slowing the writers.
/// </summary>
public sealed class WatchBroadcast(int bufferSize)
{
    private readonly Lock _gate = new();
    private Channel<byte[]>[] _subscribers = [];

    public ChannelReader<byte[]> Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(bufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }

        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<byte[]> reader)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(c => c.Reader != reader)];
        }
    }

    public void Publish(byte[] line)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (!subscriber.Writer.TryWrite(line))
            {
                subscriber.Writer.TryComplete();
            }
        }
    }
}
