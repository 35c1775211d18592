using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// What opening a watch yields: the events to send first (initial ADDEDs or replayed history)
/// and the live subscriber, or an Expired error when the requested resourceVersion is too old.
/// Disposing unsubscribes.
/// </summary>
internal sealed class WatchSubscription(
    IReadOnlyList<WatchEvent> initial,
    WatchSubscriber? subscriber,
    ApiStatusException? expired,
    Action<WatchSubscriber> unsubscribe) : IDisposable
{
    public IReadOnlyList<WatchEvent> Initial { get; } = initial;

    public WatchSubscriber? Subscriber { get; } = subscriber;

    public ApiStatusException? Expired { get; } = expired;

    public void Dispose()
    {
        if (Subscriber is not null)
        {
            unsubscribe(Subscriber);
        }
    }
}
