using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Validation;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Store;

public sealed partial class FakeObjectStore
{
    /// <summary>
    /// Creates an object. <paramref name="ns"/> is the namespace from the URL; when null the
    /// object's own metadata.namespace is used. Returns the stored object.
    /// </summary>
    public JsonObject Create(ResourceType resource, JsonObject obj, string? ns = null)
    {
        var candidate = JsonFreeze.Copy(obj);
        var scope = ResolveCreateNamespace(resource, candidate, ns);
        CreateDefaults.Validate(resource, candidate);
        lock (_gate)
        {
            var table = _state.Table(resource.Key);
            EnsureNamespaceExists(resource, scope);
            var name = CreateDefaults.AssignName(resource, candidate, n => table.Get(scope, n) is not null);
            ObjectMetaValidation.ValidateCreate(resource, candidate);
            if (table.Get(scope, name) is not null)
            {
                throw StatusErrors.AlreadyExists(resource, name);
            }
            CreateDefaults.Apply(resource, candidate, _options.TimeProvider.GetUtcNow());
            _createDefaulters.GetValueOrDefault(resource.Key)?.Invoke(candidate);
            candidate = Admitted(resource, candidate, old: null, UpdateScope.Main);
            return Commit(resource, candidate, WatchEventType.Added, previous: null);
        }
    }

    /// <summary>Namespaced objects get the URL namespace; cluster-scoped ones lose any namespace, as on a real server.</summary>
    private static string ResolveCreateNamespace(ResourceType resource, JsonObject candidate, string? ns)
    {
        var meta = Meta.Of(candidate);
        if (!resource.Namespaced)
        {
            meta.Remove("namespace");
            return "";
        }
        var bodyNs = Meta.Namespace(candidate);
        if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        var resolved = string.IsNullOrEmpty(ns) ? bodyNs : ns;
        if (string.IsNullOrEmpty(resolved))
        {
            throw StatusErrors.BadRequest("an empty namespace may not be set during creation");
        }
        meta["namespace"] = resolved;
        return resolved;
    }

    private void EnsureNamespaceExists(ResourceType resource, string ns)
    {
        if (_options.CheckNamespaceExists && resource.Namespaced &&
            _state.Table(BuiltinResources.Namespaces.Key).Get("", ns) is null)
        {
            throw StatusErrors.NotFound(BuiltinResources.Namespaces, ns);
        }
    }
}
