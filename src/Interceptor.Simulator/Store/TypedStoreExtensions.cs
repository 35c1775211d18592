using System.Reflection;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.Store;

/// <summary>
/// Seeding and inspection with KubernetesClient model types (<c>V1Pod</c>, <c>V1Node</c>...), so tests
/// can reuse their object builders. The resource comes from the type's [KubernetesEntity] attribute.
/// </summary>
public static class TypedStoreExtensions
{
    public static T Create<T>(this FakeObjectStore store, T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var created = store.Create(ResourceOf<T>(store), ToJson(obj), obj.Metadata?.NamespaceProperty);
        return FromJson<T>(created);
    }

    public static T? TryGet<T>(this FakeObjectStore store, string? ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var obj = store.TryGet(ResourceOf<T>(store), ns, name);
        return obj is null ? default : FromJson<T>(obj);
    }

    /// <summary>The registered resource for a model type; throws when the type is not served.</summary>
    public static ResourceType ResourceOf<T>(FakeObjectStore store)
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute");
        return store.Resources.Find(entity.Group ?? "", entity.ApiVersion, entity.PluralName)
            ?? throw new ArgumentException($"{entity.PluralName} ({entity.Group}/{entity.ApiVersion}) is not registered");
    }

    private static JsonObject ToJson<T>(T obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    private static T FromJson<T>(JsonObject obj) => KubernetesJson.Deserialize<T>(obj.ToJsonString());
}
