using System.Text.Json.Nodes;
using Interceptor.Simulator.CustomResources;
using Interceptor.Simulator.CustomResources.Schema;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

public sealed partial class FakeObjectStore
{
    /// <summary>
    /// Serves a CustomResourceDefinition's versions, as creating it over HTTP does (kubectl apply -k manifests): later
    /// writes of its objects are pruned, defaulted and validated against its schema. Objects stored before are pruned
    /// and defaulted in place, because upstream does that on every read from etcd.
    /// </summary>
    public void RegisterCustomResourceDefinition(JsonObject crd)
    {
        lock (_gate)
        {
            foreach (var type in CustomResourceDefinitions.Register(Resources, crd))
            {
                CoerceStored(type);
            }
        }
    }

    /// <summary>The schema of the resource as registered now (a CRD applied later replaces a built-in registration).</summary>
    private CustomResourceSchema? SchemaOf(ResourceType resource) =>
        (Resources.Find(resource.Group, resource.Version, resource.Plural) ?? resource).Schema;

    /// <summary>The object pruned, defaulted and validated against its resource's schema (422 Invalid), frozen again for sharing.</summary>
    private JsonObject Admitted(ResourceType resource, JsonObject obj, JsonObject? old, UpdateScope scope)
    {
        if (SchemaOf(resource) is not { } schema)
        {
            return obj;
        }
        schema.Admit(resource, obj, old, scope);
        return JsonFreeze.Copy(obj);
    }

    /// <summary>Read-time coercion done once: same resourceVersion, no watch event, as a read would see it.</summary>
    private void CoerceStored(ResourceType type)
    {
        if (type.Schema is not { } schema)
        {
            return;
        }
        var before = _state.Table(type.Key);
        var after = before;
        foreach (var stored in before.Enumerate(null))
        {
            var coerced = stored.DeepClone().AsObject();
            schema.Coerce(coerced);
            after = after.With(ScopeOf(type, Meta.Namespace(coerced)), Meta.Name(coerced)!, JsonFreeze.Copy(coerced));
        }
        Volatile.Write(ref _state, _state.WithTable(type.Key, after, _state.ResourceVersion));
    }
}
