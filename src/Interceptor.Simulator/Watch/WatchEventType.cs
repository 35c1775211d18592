namespace Interceptor.Simulator.Watch;

/// <summary>Watch event types; <see cref="WatchEventTypeNames"/> gives the wire names.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

internal static class WatchEventTypeNames
{
    public static string ToWire(this WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };
}
