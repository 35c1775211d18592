using System.Collections.Immutable;

namespace Interceptor.Simulator.Store;

/// <summary>
/// Everything readers need, swapped atomically by writers: the global resourceVersion and the
/// tables it describes. Readers take one reference and see a consistent cut, like an etcd revision.
/// </summary>
internal sealed record StoreState(long ResourceVersion, ImmutableDictionary<string, ResourceTable> Tables)
{
    public static readonly StoreState Initial = new(1, ImmutableDictionary<string, ResourceTable>.Empty);

    public ResourceTable Table(string resourceKey) => Tables.GetValueOrDefault(resourceKey) ?? ResourceTable.Empty;

    public StoreState WithTable(string resourceKey, ResourceTable table, long resourceVersion) =>
        new(resourceVersion, Tables.SetItem(resourceKey, table));
}
