using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// Decides what a filtered watcher sees of one stored event.
/// </summary>
/// <remarks>
/// A modification can move an object into or out of a selector. The real watch cache then sends
/// ADDED, or DELETED with the previous object stamped with the event's resourceVersion;
/// otherwise a label-selector informer would keep objects that no longer match.
/// </remarks>
internal static class EventTranslator
{
    public static WatchEvent? Translate(WatchEvent e, ObjectFilter filter)
    {
        if (e.Type == WatchEventType.Bookmark)
        {
            return e;
        }
        var now = filter.Matches(e.Object);
        if (e.Type != WatchEventType.Modified || e.Previous is null)
        {
            return now ? e : null;
        }
        var before = filter.Matches(e.Previous);
        return (before, now) switch
        {
            (true, true) => e,
            (false, true) => e with { Type = WatchEventType.Added, Previous = null },
            (true, false) => e with { Type = WatchEventType.Deleted, Object = StampedPrevious(e), Previous = null },
            _ => null,
        };
    }

    private static System.Text.Json.Nodes.JsonObject StampedPrevious(WatchEvent e)
    {
        var copy = JsonFreeze.Copy(e.Previous!);
        Meta.SetResourceVersion(copy, e.ResourceVersion);
        return copy;
    }
}
