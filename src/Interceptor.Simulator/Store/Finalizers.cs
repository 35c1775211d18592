using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

/// <summary>
/// metadata.finalizers as the generic registry store treats them (k8s.io/apiserver pkg/registry/generic/registry/store.go):
/// a DELETE of an object with finalizers only sets deletionTimestamp (updateForGracefulDeletionAndFinalizers); the update
/// that removes the last finalizer of such an object deletes it (ShouldDeleteDuringUpdate); and no finalizer may be added
/// once deletion started (apimachinery ValidateObjectMetaUpdate: "no new finalizers can be added if the object is being deleted").
/// </summary>
internal static class Finalizers
{
    public static IReadOnlyList<string> Of(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list ? [.. list.Select(f => f?.GetValue<string>() ?? "")] : [];

    public static bool IsBeingDeleted(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>The DELETE of an object without a custom deletion hook: kept (marked) while finalizers remain.</summary>
    public static DeletionDecision OnDelete(JsonObject current, TimeProvider clock)
    {
        if (Of(current).Count == 0)
        {
            return DeletionDecision.RemoveNow;
        }

        if (!IsBeingDeleted(current))
        {
            var meta = (JsonObject)current["metadata"]!;
            meta["deletionTimestamp"] = CreateDefaults.Rfc3339(clock.GetUtcNow());
            meta["deletionGracePeriodSeconds"] = 0;
        }

        return DeletionDecision.KeepAs(current);
    }

    /// <summary>422 when an update adds a finalizer to an object being deleted.</summary>
    public static void CheckUpdate(ResourceType resource, JsonObject current, JsonObject merged, string name)
    {
        if (!IsBeingDeleted(current))
        {
            return;
        }

        var added = Of(merged).Except(Of(current)).ToList();
        if (added.Count > 0)
        {
            throw StatusErrors.Invalid(resource, name, new StatusCause("FieldValueForbidden",
                "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers [" + string.Join(" ", added) + "]",
                "metadata.finalizers"));
        }
    }

    /// <summary>
    /// The object was being deleted, its last finalizer just went, and no grace period is pending (store.go
    /// ShouldDeleteDuringUpdate: deletionGracePeriodSeconds == 0): the update deletes it. A pod still in its graceful
    /// termination waits for the kubelet's final delete instead.
    /// </summary>
    public static bool ShouldDeleteDuringUpdate(JsonObject merged) =>
        IsBeingDeleted(merged) && Of(merged).Count == 0
        && PodFields.Integer(merged["metadata"], "deletionGracePeriodSeconds") is 0 or null;
}
