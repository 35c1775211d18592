using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The Warning Event a workload controller records on itself when a pod create is refused (controller_utils.go
/// RealPodControl.createPods: reason FailedCreate, "Error creating: {err}"). A repeat of the same message bumps
/// count and lastTimestamp of the existing Event, as client-go's event correlator does, so a controller retrying
/// with backoff does not flood the namespace.
/// </summary>
internal static class FailedCreateEvents
{
    public const string Reason = "FailedCreate";

    /// <summary>Runs <paramref name="create"/>; when the server refuses it, records the Event and rethrows.</summary>
    public static async Task CreateRecordingFailureAsync(
        Func<Task> create, FakeObjectStore store, ControllerEventSource source, JsonObject owner, Func<ApiStatusException, string> describe)
    {
        try
        {
            await create();
        }
        catch (ApiStatusException e)
        {
            Record(store, source, owner, describe(e));
            throw;
        }
    }

    private static void Record(FakeObjectStore store, ControllerEventSource source, JsonObject owner, string message)
    {
        var ns = Meta.Namespace(owner)!;
        var now = CreateDefaults.Rfc3339(source.Clock.GetUtcNow());
        var repeat = store.ListShared(BuiltinResources.Events, WorkloadSelectors.InNamespace(ns)).Items.FirstOrDefault(e =>
            Meta.String(e["involvedObject"], "uid") == Meta.Uid(owner) && Meta.String(e, "reason") == Reason && Meta.String(e, "message") == message);
        if (repeat is not null)
        {
            Bump(store, repeat, now);
            return;
        }
        store.Create(BuiltinResources.Events, New(source, owner, message, now));
    }

    private static void Bump(FakeObjectStore store, JsonObject repeat, string now)
    {
        try
        {
            store.Modify(BuiltinResources.Events, Meta.Namespace(repeat), Meta.Name(repeat)!, current =>
            {
                current["count"] = JsonNumbers.Long(current, "count") + 1;
                current["lastTimestamp"] = now;
                return current;
            }, UpdateScope.Main);
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            // Deleted meanwhile (an Event's TTL); the next refusal records a new one.
        }
    }

    private static JsonObject New(ControllerEventSource source, JsonObject owner, string message, string now) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject
        {
            // client-go record: "{object}.{unix nanoseconds in hex}".
            ["name"] = $"{Meta.Name(owner)}.{(source.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100:x}",
            ["namespace"] = Meta.Namespace(owner),
        },
        ["involvedObject"] = new JsonObject
        {
            ["kind"] = source.OwnerType.Kind,
            ["namespace"] = Meta.Namespace(owner),
            ["name"] = Meta.Name(owner),
            ["uid"] = Meta.Uid(owner),
            ["apiVersion"] = source.OwnerType.ApiVersion,
            ["resourceVersion"] = Meta.ResourceVersion(owner),
        },
        ["reason"] = Reason,
        ["message"] = message,
        ["source"] = new JsonObject { ["component"] = source.Component },
        ["firstTimestamp"] = now,
        ["lastTimestamp"] = now,
        ["count"] = 1,
        ["type"] = "Warning",
        ["reportingComponent"] = source.Component,
        ["reportingInstance"] = "",
    };

    /// <summary>RealPodControl's wording, used by the replicaset and daemonset controllers.</summary>
    public static string ErrorCreating(ApiStatusException e) => string.Create(CultureInfo.InvariantCulture, $"Error creating: {e.Message}");
}
