using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Validation;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Store;

public sealed partial class FakeObjectStore
{
    /// <summary>PUT: replaces the object named in its own metadata (409 on a stale resourceVersion).</summary>
    public JsonObject Update(ResourceType resource, JsonObject obj, UpdateScope scope = UpdateScope.Main)
    {
        var name = Meta.Name(obj) ?? throw StatusErrors.BadRequest("name is required for an update");
        return Modify(resource, Meta.Namespace(obj), name, _ => obj, scope);
    }

    /// <summary>
    /// Read-modify-write under the store lock: <paramref name="change"/> gets a private copy of the
    /// current object and returns the desired one. PATCH uses it so a patch can never lose a race.
    /// <paramref name="admit"/> sees the object to store and the current one, still under the lock, and may throw
    /// to refuse the write (validating admission).
    /// </summary>
    public JsonObject Modify(
        ResourceType resource, string? ns, string name, Func<JsonObject, JsonObject> change, UpdateScope scope,
        Action<JsonObject, JsonObject>? admit = null)
    {
        var scopeNs = ScopeOf(resource, ns);
        lock (_gate)
        {
            var current = _state.Table(resource.Key).Get(scopeNs, name) ?? throw StatusErrors.NotFound(resource, name);
            var desired = JsonFreeze.Copy(change(JsonFreeze.Copy(current)));
            UpdateRules.CheckIdentity(desired, name, scopeNs);
            UpdateRules.CheckResourceVersion(resource, current, desired, name);
            var merged = UpdateRules.Merge(resource, current, desired, scope);
            ObjectMetaValidation.ValidateUpdate(resource, merged);
            merged = Admitted(resource, merged, current, scope);
            admit?.Invoke(merged, current);
            Finalizers.CheckUpdate(resource, current, merged, name);
            if (Finalizers.ShouldDeleteDuringUpdate(merged))
            {
                return Commit(resource, merged, WatchEventType.Deleted, previous: null);
            }
            if (JsonNode.DeepEquals(merged, current))
            {
                // etcd skips identical writes: no new resourceVersion, no watch event.
                return current.DeepClone().AsObject();
            }
            return Commit(resource, merged, WatchEventType.Modified, previous: current);
        }
    }
}
