using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

/// <summary>
/// How an update turns the stored object and the client's object into the new stored object.
/// Mirrors the REST strategies: server-owned metadata is kept, the status subresource owns
/// <c>status</c>, and <c>metadata.generation</c> counts spec changes.
/// </summary>
internal static class UpdateRules
{
    private static readonly string[] ServerOwnedMetadata =
        ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"];

    /// <summary>Rejects a body whose name or namespace disagrees with the URL, as the real handlers do.</summary>
    public static void CheckIdentity(JsonObject desired, string name, string ns)
    {
        var bodyName = Meta.Name(desired);
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        var bodyNs = Meta.Namespace(desired);
        if (!string.IsNullOrEmpty(bodyNs) && ns.Length > 0 && bodyNs != ns)
        {
            throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>Optimistic concurrency: a set resourceVersion must equal the stored one.</summary>
    public static void CheckResourceVersion(ResourceType resource, JsonObject current, JsonObject desired, string name)
    {
        var wanted = Meta.ResourceVersion(desired);
        if (!string.IsNullOrEmpty(wanted) && wanted != Meta.ResourceVersion(current))
        {
            throw StatusErrors.Conflict(resource, name, StatusErrors.OptimisticLockMessage);
        }
    }

    /// <summary>The object to store, still carrying the current resourceVersion so a no-op compares equal.</summary>
    public static JsonObject Merge(ResourceType resource, JsonObject current, JsonObject desired, UpdateScope scope)
    {
        return scope == UpdateScope.Status ? MergeStatus(current, desired) : MergeMain(resource, current, desired);
    }

    private static JsonObject MergeStatus(JsonObject current, JsonObject desired)
    {
        var result = JsonFreeze.Copy(current);
        ReplaceMember(result, "status", desired["status"]);
        KeepManagedFields(current, desired, result);
        return result;
    }

    /// <summary>
    /// managedFields are the field manager's, on every write (status ones too); a request that sends none keeps the
    /// current ones (fieldmanager: an empty managedFields in an update means "unchanged").
    /// </summary>
    private static void KeepManagedFields(JsonObject current, JsonObject desired, JsonObject result) =>
        ReplaceMember(Meta.Of(result), "managedFields", desired["metadata"]?["managedFields"] ?? current["metadata"]?["managedFields"]);

    private static JsonObject MergeMain(ResourceType resource, JsonObject current, JsonObject desired)
    {
        var result = JsonFreeze.Copy(desired);
        Meta.SetTypeMeta(result, resource.ApiVersion, resource.Kind);
        var meta = Meta.Of(result);
        var currentMeta = Meta.Of(current);
        foreach (var key in new[] { "name", "namespace", "resourceVersion" }.Concat(ServerOwnedMetadata))
        {
            ReplaceMember(meta, key, currentMeta[key]);
        }
        KeepManagedFields(current, desired, result);
        if (resource.HasStatus)
        {
            ReplaceMember(result, "status", current["status"]);
        }
        if (!JsonNode.DeepEquals(current["spec"], result["spec"]))
        {
            meta["generation"] = Meta.Generation(current) + 1;
        }
        return result;
    }

    private static void ReplaceMember(JsonObject target, string key, JsonNode? source)
    {
        if (source is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = source.DeepClone();
        }
    }
}
