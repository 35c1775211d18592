using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>
/// The objects of one resource, as an immutable map namespace → name → object.
/// </summary>
/// <remarks>
/// Immutable so that a list is a consistent snapshot taken without any lock, and sorted so lists
/// come out in etcd key order (<c>/registry/pods/{namespace}/{name}</c>), as real clients see them.
/// Cluster-scoped objects live under the namespace "".
/// </remarks>
internal sealed class ResourceTable
{
    public static readonly ResourceTable Empty = new(
        ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, JsonObject>>(StringComparer.Ordinal));

    private static readonly ImmutableSortedDictionary<string, JsonObject> EmptyNamespace =
        ImmutableSortedDictionary.Create<string, JsonObject>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, JsonObject>> _namespaces;

    private ResourceTable(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, JsonObject>> namespaces) =>
        _namespaces = namespaces;

    public JsonObject? Get(string ns, string name) =>
        _namespaces.TryGetValue(ns, out var objects) && objects.TryGetValue(name, out var obj) ? obj : null;

    public ResourceTable With(string ns, string name, JsonObject obj)
    {
        var objects = _namespaces.GetValueOrDefault(ns) ?? EmptyNamespace;
        return new ResourceTable(_namespaces.SetItem(ns, objects.SetItem(name, obj)));
    }

    public ResourceTable Without(string ns, string name)
    {
        if (!_namespaces.TryGetValue(ns, out var objects))
        {
            return this;
        }
        var remaining = objects.Remove(name);
        return new ResourceTable(remaining.IsEmpty ? _namespaces.Remove(ns) : _namespaces.SetItem(ns, remaining));
    }

    /// <summary>Objects in one namespace, or in all namespaces when <paramref name="ns"/> is null.</summary>
    public IEnumerable<JsonObject> Enumerate(string? ns)
    {
        if (ns is not null)
        {
            return _namespaces.TryGetValue(ns, out var objects) ? objects.Values : [];
        }
        return _namespaces.Values.SelectMany(objects => objects.Values);
    }
}
