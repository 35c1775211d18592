using System.Collections.Immutable;

namespace Interceptor.Simulator.Resources;

/// <summary>
/// The resources the server knows. Lookups are lock-free reads of an immutable snapshot because
/// every request does one; registrations are rare and take a lock.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ResourceType> _byKey = ImmutableDictionary<string, ResourceType>.Empty;

    /// <summary>Registers (or replaces) a resource and returns its descriptor.</summary>
    public ResourceType Register(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        bool hasStatus,
        IReadOnlyList<string>? extraFieldLabels = null)
    {
        var type = new ResourceType(group, version, plural, kind, namespaced, hasStatus)
        {
            ExtraFieldLabels = extraFieldLabels ?? [],
        };
        return Register(type);
    }

    public ResourceType Register(ResourceType type)
    {
        lock (_gate)
        {
            _byKey = _byKey.SetItem(type.Key, type);
        }
        return type;
    }

    public ResourceType? Find(string group, string version, string plural) =>
        _byKey.GetValueOrDefault($"{group}/{version}/{plural}");

    /// <summary>Finds by apiVersion and kind, which is what a typed object carries.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind) =>
        _byKey.Values.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>All registered resources, ordered for stable discovery output.</summary>
    public IReadOnlyList<ResourceType> All =>
        [.. _byKey.Values.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Plural, StringComparer.Ordinal)];
}
