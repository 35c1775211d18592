using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Store;

public sealed partial class FakeObjectStore
{
    /// <summary>
    /// Deletes (or, through a <see cref="DeletionHook"/>, marks) an object; 409 when preconditions fail.
    /// <paramref name="deleteOptions"/> reach the hook untouched, which is where a grace period means anything.
    /// </summary>
    public DeleteResult Delete(
        ResourceType resource, string? ns, string name, Preconditions? preconditions = null, JsonObject? deleteOptions = null)
    {
        var scopeNs = ScopeOf(resource, ns);
        lock (_gate)
        {
            var current = _state.Table(resource.Key).Get(scopeNs, name) ?? throw StatusErrors.NotFound(resource, name);
            preconditions?.Check(resource, current);
            var hook = _deletionHooks.GetValueOrDefault(resource.Key);
            var decision = hook?.Invoke(JsonFreeze.Copy(current), deleteOptions?.DeepClone().AsObject(), _options.TimeProvider) ?? DeletionDecision.RemoveNow;
            // Finalizers hold every object the same way, after any resource's own graceful deletion (store.go
            // updateForGracefulDeletionAndFinalizers): what would go now stays, marked, while finalizers remain.
            if (decision == DeletionDecision.RemoveNow)
            {
                decision = Finalizers.OnDelete(JsonFreeze.Copy(current), _options.TimeProvider);
            }
            if (decision is DeletionDecision.Keep keep)
            {
                var kept = JsonFreeze.Copy(keep.Updated);
                return new DeleteResult(Commit(resource, kept, WatchEventType.Modified, previous: current), Removed: false);
            }
            // The DELETED event and the response carry the deletion's resourceVersion, as etcd3 reports it.
            var deleted = JsonFreeze.Copy(current);
            return new DeleteResult(Commit(resource, deleted, WatchEventType.Deleted, previous: null), Removed: true);
        }
    }
}
