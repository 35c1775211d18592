using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers.Informers;

/// <summary>
/// Hands a watch's events on <see cref="FakeApiServerOptions.ReplicaSetPodInformerLag"/> after they arrived, in order, as a
/// kube-controller-manager whose informers are behind (a slow or restarting watch) would see them. Each event is
/// stamped when it arrives, so a burst is delayed once, not once per event.
/// </summary>
internal static class LaggedEvents
{
    public static async IAsyncEnumerable<WatchEvent> ReadAllAsync(
        ChannelReader<WatchEvent> source, TimeSpan lag, TimeProvider clock, [EnumeratorCancellation] CancellationToken ct)
    {
        if (lag <= TimeSpan.Zero)
        {
            await foreach (var e in source.ReadAllAsync(ct))
            {
                yield return e;
            }
            yield break;
        }
        var stamped = Channel.CreateUnbounded<(WatchEvent Event, DateTimeOffset Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(source, stamped.Writer, lag, clock, ct);
        await foreach (var (e, due) in stamped.Reader.ReadAllAsync(ct))
        {
            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, ct);
            }
            yield return e;
        }
        await pump;
    }

    private static async Task PumpAsync(
        ChannelReader<WatchEvent> source, ChannelWriter<(WatchEvent, DateTimeOffset)> target, TimeSpan lag, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await foreach (var e in source.ReadAllAsync(ct))
            {
                target.TryWrite((e, clock.GetUtcNow() + lag));
            }
            target.TryComplete();
        }
        catch (OperationCanceledException)
        {
            target.TryComplete();
        }
    }
}
