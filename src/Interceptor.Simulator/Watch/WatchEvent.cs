using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// One change of one object, as kept in the history and sent to watchers.
/// </summary>
/// <param name="Object">The object after the change (for DELETED: the last state, carrying the deletion's resourceVersion). Never mutated.</param>
/// <param name="Previous">The object before a MODIFIED change, so selector watches can turn it into ADDED or DELETED.</param>
internal sealed record WatchEvent(
    WatchEventType Type,
    ResourceType Resource,
    JsonObject Object,
    JsonObject? Previous,
    long ResourceVersion)
{
    /// <summary>A bookmark: the kind of the watched resource and only a resourceVersion, as the real server sends.</summary>
    public static WatchEvent Bookmark(ResourceType resource, long resourceVersion)
    {
        var rv = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var obj = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
        };
        return new WatchEvent(WatchEventType.Bookmark, resource, obj, null, resourceVersion);
    }
}
