using System.Threading.Channels;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// One open watch: a bounded channel the store writes to and the HTTP stream reads from.
/// </summary>
/// <remarks>
/// The store never waits on a watcher: when the buffer is full the watcher is closed, which is
/// what the real server does to unresponsive watchers. The client then re-lists.
/// </remarks>
internal sealed class WatchSubscriber(ResourceType resource, ObjectFilter filter, int capacity)
{
    private readonly Channel<WatchEvent> _channel = Channel.CreateBounded<WatchEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ResourceType Resource { get; } = resource;

    public ObjectFilter Filter { get; } = filter;

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    /// <summary>Filters, translates and enqueues; closes the watch when it has fallen behind.</summary>
    public void Offer(WatchEvent e)
    {
        var translated = EventTranslator.Translate(e, Filter);
        if (translated is not null && !_channel.Writer.TryWrite(translated))
        {
            _channel.Writer.TryComplete();
        }
    }

    public void Close() => _channel.Writer.TryComplete();
}
