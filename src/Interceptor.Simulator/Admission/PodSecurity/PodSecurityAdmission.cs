using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// The PodSecurity admission plugin (k8s.io/pod-security-admission admission/admission.go) on CREATE, with the
/// default configuration (no exemptions, privileged:latest where a namespace has no label). A pod that violates
/// its namespace's <c>enforce</c> level is refused 403 (ValidatePod); one that violates <c>warn</c> (when not
/// refused) gets a warning; a workload's pod template only gets the warning (ValidatePodController).
/// </summary>
/// <remarks>
/// Not simulated: UPDATE (a pod's significant updates, a workload's template changes), the namespace-label
/// dry run on namespace updates and its label validation, and <c>audit</c> (there is no audit log; its labels
/// are parsed and ignored).
/// </remarks>
internal static class PodSecurityAdmission
{
    /// <summary>Throws the 403 for an enforce violation; otherwise returns the warnings to send (none, or one).</summary>
    public static IReadOnlyList<string> Admit(FakeObjectStore store, ResourceType resource, JsonObject obj, string ns)
    {
        if (PodTemplateExtraction.Of(resource, obj) is not { } pod)
        {
            return [];
        }
        var labels = store.TryGet(BuiltinResources.Namespaces, null, ns)?["metadata"]?["labels"] as JsonObject;
        var policy = NamespacePolicy.FromLabels(labels);
        var enforce = PodTemplateExtraction.IsPod(resource);
        if (enforce ? policy.IsAllPrivileged : policy.WarnAndAuditPrivileged)
        {
            return [];
        }
        if (enforce && PodSecurityChecks.Evaluate(policy.Enforce.Level, pod) is { Count: > 0 } violations)
        {
            var name = Meta.Name(obj) ?? "";
            throw new ApiStatusException(403, "Forbidden",
                $"{resource.QualifiedResource} \"{name}\" is forbidden: violates PodSecurity \"{policy.Enforce}\": {PodSecurityChecks.ForbiddenDetail(violations)}",
                new StatusDetails(name, resource.Group, resource.Plural));
        }
        var warnings = PodSecurityChecks.Evaluate(policy.Warn.Level, pod);
        return warnings.Count == 0 ? []
            : [$"would violate PodSecurity \"{policy.Warn}\": {PodSecurityChecks.ForbiddenDetail(warnings)}"];
    }
}
