using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>The writes every workload controller makes: its status, and deletions of what it owns.</summary>
internal static class WorkloadStatus
{
    /// <summary>
    /// Fills the owner's status through the status subresource. An unchanged status is a no-op the store skips,
    /// so syncing often costs no watch events.
    /// </summary>
    public static void Write(FakeObjectStore store, ResourceType type, JsonObject owner, Action<JsonObject> fill)
    {
        try
        {
            store.Modify(type, Meta.Namespace(owner), Meta.Name(owner)!, current =>
            {
                if (current["status"] is not JsonObject status)
                {
                    status = [];
                    current["status"] = status;
                }
                fill(status);
                return current;
            }, UpdateScope.Status);
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            // Deleted meanwhile: nothing to report on.
        }
    }

    /// <summary>
    /// Deletes one dependent, with its uid as precondition; already gone or replaced counts as done. False when
    /// nothing was deleted, so no deletion event will come (a controller's expectations must not wait for one).
    /// </summary>
    public static bool DeleteIgnoringGone(FakeObjectStore store, ResourceType type, JsonObject dependent)
    {
        try
        {
            store.Delete(type, Meta.Namespace(dependent), Meta.Name(dependent)!, new Preconditions(Meta.Uid(dependent), null));
            return true;
        }
        catch (ApiStatusException e) when (e.Code is 404 or 409)
        {
            // The sync after the resulting event sees the current state.
            return false;
        }
    }
}
