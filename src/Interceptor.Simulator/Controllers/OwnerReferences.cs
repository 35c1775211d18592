using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>metav1.GetControllerOf and metav1.NewControllerRef on raw JSON.</summary>
internal static class OwnerReferences
{
    public static IEnumerable<JsonObject> All(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The owner reference with <c>controller: true</c>, or null for an orphan.</summary>
    public static JsonObject? ControllerOf(JsonObject obj) =>
        All(obj).FirstOrDefault(r => r["controller"] is JsonValue v && v.GetValueKind() == JsonValueKind.True);

    /// <summary>The controller's name when it is of <paramref name="kind"/>, else null.</summary>
    public static string? ControllerName(JsonObject obj, string kind) =>
        ControllerOf(obj) is { } r && Meta.String(r, "kind") == kind ? Meta.String(r, "name") : null;

    public static string? ControllerUid(JsonObject obj) => Meta.String(ControllerOf(obj), "uid");

    /// <summary>
    /// The reference a controller puts on what it creates or adopts; <c>blockOwnerDeletion</c> makes a
    /// foreground deletion of the owner wait for the dependent.
    /// </summary>
    public static JsonObject NewControllerRef(JsonObject owner, ResourceType ownerType) => new()
    {
        ["apiVersion"] = ownerType.ApiVersion,
        ["kind"] = ownerType.Kind,
        ["name"] = Meta.Name(owner),
        ["uid"] = Meta.Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
