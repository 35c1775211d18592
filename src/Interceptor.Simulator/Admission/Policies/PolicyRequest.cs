using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// One write as CEL admission sees it: <c>object</c> is null on DELETE, <c>oldObject</c> null on CREATE; a null
/// user is the configured default one (<see cref="AdmissionWebhooks.DefaultUser"/>).
/// </summary>
internal sealed record PolicyRequest(
    AdmissionAttributes Attributes, GroupVersionKind Kind, JsonObject? Object, JsonObject? OldObject, AdmissionUser? User)
{
    /// <summary>An UPDATE (PUT or PATCH) of an object or of one of its subresources (status).</summary>
    public static PolicyRequest Update(ResourceType resource, string? subresource, JsonObject updated, JsonObject old, AdmissionUser? user) =>
        new(new AdmissionAttributes(resource.Group, resource.Version, resource.Plural, subresource ?? "", "UPDATE",
                Meta.Namespace(updated) ?? "", Meta.Name(updated) ?? "", DryRun: false),
            new GroupVersionKind(resource.Group, resource.Version, resource.Kind), updated, old, user);
}
