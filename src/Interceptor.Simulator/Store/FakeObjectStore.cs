using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Store;

/// <summary>
/// The fake cluster's state: raw JSON objects per resource, one etcd-like resourceVersion counter,
/// and the watch hub. Tests use it directly to seed and inspect; the HTTP layer is a thin shell on it.
/// </summary>
/// <remarks>
/// IMPORTANT: every write runs under <see cref="_gate"/> and publishes its watch event before
/// releasing it. That single ordering is what lets a watch opened under the same lock replay or
/// snapshot without gaps or duplicates. Reads never lock: they take the immutable
/// <see cref="_state"/> reference, so a slow watcher or a long list never delays them.
/// Objects handed out are copies; stored objects are never mutated.
/// </remarks>
public sealed partial class FakeObjectStore
{
    private readonly Lock _gate = new();
    private readonly FakeApiServerOptions _options;
    private readonly WatchHub _hub;
    private readonly Dictionary<string, DeletionHookWithOptions> _deletionHooks = [];
    private readonly Dictionary<string, Action<JsonObject>> _createDefaulters = [];
    private StoreState _state = StoreState.Initial;

    public FakeObjectStore(FakeApiServerOptions? options = null)
    {
        _options = options ?? new FakeApiServerOptions();
        _hub = new WatchHub(_options.WatchHistorySize);
        foreach (var builtin in _options.EvictionRequestApi ? [.. BuiltinResources.All, .. BuiltinResources.EvictionRequestApi] : BuiltinResources.All)
        {
            Resources.Register(builtin);
        }
        BuiltinDefaults.Install(this);
    }

    public ResourceRegistry Resources { get; } = new();

    /// <summary>The current global resourceVersion (the etcd revision).</summary>
    public long ResourceVersion => Volatile.Read(ref _state).ResourceVersion;

    /// <summary>Number of open watches, for tests that check watchers are cleaned up.</summary>
    public int OpenWatchCount
    {
        get
        {
            lock (_gate)
            {
                return _hub.Count;
            }
        }
    }

    public JsonObject? TryGet(ResourceType resource, string? ns, string name) =>
        Volatile.Read(ref _state).Table(resource.Key).Get(ScopeOf(resource, ns), name)?.DeepClone().AsObject();

    public JsonObject Get(ResourceType resource, string? ns, string name) =>
        TryGet(resource, ns, name) ?? throw StatusErrors.NotFound(resource, name);

    /// <summary>Objects matching <paramref name="filter"/> in key order, with the resourceVersion they are current at.</summary>
    public ObjectList List(ResourceType resource, ObjectFilter? filter = null)
    {
        var (items, rv) = ListShared(resource, filter ?? ObjectFilter.Everything);
        return new ObjectList([.. items.Select(o => o.DeepClone().AsObject())], rv);
    }

    /// <summary>Stored (shared, read-only) objects: the HTTP layer serializes them without copying.</summary>
    internal (IEnumerable<JsonObject> Items, long ResourceVersion) ListShared(ResourceType resource, ObjectFilter filter)
    {
        var state = Volatile.Read(ref _state);
        var items = state.Table(resource.Key).Enumerate(filter.Namespace).Where(filter.Matches);
        return (items, state.ResourceVersion);
    }

    /// <summary>Replaces what DELETE does for one resource (graceful deletion, finalizers).</summary>
    public void SetDeletionHook(ResourceType resource, DeletionHook hook) =>
        SetDeletionHook(resource, (current, _, clock) => hook(current, clock));

    /// <summary>Replaces what DELETE does for one resource, with the request's DeleteOptions (grace period) at hand.</summary>
    public void SetDeletionHook(ResourceType resource, DeletionHookWithOptions hook)
    {
        lock (_gate)
        {
            _deletionHooks[resource.Key] = hook;
        }
    }

    /// <summary>Adds create-time defaulting for one resource (runs after server-owned fields are set).</summary>
    public void SetCreateDefaulter(ResourceType resource, Action<JsonObject> defaulter)
    {
        lock (_gate)
        {
            _createDefaulters[resource.Key] = defaulter;
        }
    }

    /// <summary>Cluster-scoped objects live under namespace "" whatever the caller passed.</summary>
    private static string ScopeOf(ResourceType resource, string? ns) => resource.Namespaced ? ns ?? "" : "";

    /// <summary>
    /// Stores (or removes) one object under a new resourceVersion and publishes the event.
    /// Caller holds <see cref="_gate"/>; <paramref name="stored"/> must be a private, frozen copy.
    /// </summary>
    private JsonObject Commit(ResourceType resource, JsonObject stored, WatchEventType type, JsonObject? previous)
    {
        var state = _state;
        var rv = state.ResourceVersion + 1;
        Meta.SetResourceVersion(stored, rv);
        var ns = ScopeOf(resource, Meta.Namespace(stored));
        var name = Meta.Name(stored)!;
        var table = state.Table(resource.Key);
        table = type == WatchEventType.Deleted ? table.Without(ns, name) : table.With(ns, name, stored);
        Volatile.Write(ref _state, state.WithTable(resource.Key, table, rv));
        _hub.Publish(new WatchEvent(type, resource, stored, previous, rv));
        return stored.DeepClone().AsObject();
    }

    private static long ParseResourceVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw StatusErrors.BadRequest($"invalid resource version \"{text}\"");
}
