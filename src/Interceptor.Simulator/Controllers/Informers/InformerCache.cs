using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers.Informers;

/// <summary>
/// client-go's informer indexer for one controller: the watched objects as this controller's events have shown them,
/// updated just before each event handler runs (shared_informer.go HandleDeltas), so a controller reading it sees
/// the world as of the last event it was given, which may be behind the store.
/// </summary>
internal sealed class InformerCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Resource, string Namespace, string Name), JsonObject> _objects = [];

    public void Apply(WatchEvent e)
    {
        var key = Key(e.Resource, Meta.Namespace(e.Object), Meta.Name(e.Object)!);
        lock (_gate)
        {
            if (e.Type == WatchEventType.Deleted)
            {
                _objects.Remove(key);
            }
            else
            {
                _objects[key] = e.Object;
            }
        }
    }

    /// <summary>A relist (the watch was reopened) replaces what was known of that resource.</summary>
    public void Replace(ResourceType resource, IEnumerable<WatchEvent> initial)
    {
        lock (_gate)
        {
            foreach (var key in _objects.Keys.Where(k => k.Resource == resource.Key).ToList())
            {
                _objects.Remove(key);
            }
        }
        foreach (var e in initial)
        {
            Apply(e);
        }
    }

    public JsonObject? TryGet(ResourceType resource, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(Key(resource, ns, name));
        }
    }

    public List<JsonObject> List(ResourceType resource, string ns)
    {
        lock (_gate)
        {
            return [.. _objects.Where(o => o.Key.Resource == resource.Key && o.Key.Namespace == ns).Select(o => o.Value)];
        }
    }

    private static (string, string, string) Key(ResourceType resource, string? ns, string name) => (resource.Key, ns ?? "", name);
}
