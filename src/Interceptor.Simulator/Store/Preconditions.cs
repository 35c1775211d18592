using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

/// <summary><c>DeleteOptions.preconditions</c>: the delete only happens if uid and resourceVersion still match.</summary>
public sealed record Preconditions(string? Uid, string? ResourceVersion)
{
    public static Preconditions? FromDeleteOptions(JsonObject? deleteOptions)
    {
        var pre = deleteOptions?["preconditions"];
        var uid = Meta.String(pre, "uid");
        var rv = Meta.String(pre, "resourceVersion");
        return uid is null && rv is null ? null : new Preconditions(uid, rv);
    }

    /// <summary>Throws the Conflict the etcd3 storage layer produces (a StorageError wrapped by NewConflict).</summary>
    public void Check(ResourceType resource, JsonObject current)
    {
        var name = Meta.Name(current) ?? "";
        if (Uid is not null && Uid != Meta.Uid(current))
        {
            throw Failed(resource, current, name,
                $"Precondition failed: UID in precondition: {Uid}, UID in object meta: {Meta.Uid(current)}");
        }
        if (ResourceVersion is not null && ResourceVersion != Meta.ResourceVersion(current))
        {
            throw Failed(resource, current, name,
                $"Precondition failed: ResourceVersion in precondition: {ResourceVersion}, " +
                $"ResourceVersion in object meta: {Meta.ResourceVersion(current)}");
        }
    }

    private static ApiStatusException Failed(ResourceType resource, JsonObject current, string name, string message)
    {
        var key = StorageKey(resource, Meta.Namespace(current), name);
        var cause = $"StorageError: invalid object, Code: 4, Key: {key}, ResourceVersion: 0, AdditionalErrorMsg: {message}";
        return StatusErrors.Conflict(resource, name, cause);
    }

    private static string StorageKey(ResourceType resource, string? ns, string name)
    {
        var prefix = resource.IsCore ? $"/registry/{resource.Plural}" : $"/registry/{resource.Group}/{resource.Plural}";
        return string.IsNullOrEmpty(ns) ? $"{prefix}/{name}" : $"{prefix}/{ns}/{name}";
    }
}
