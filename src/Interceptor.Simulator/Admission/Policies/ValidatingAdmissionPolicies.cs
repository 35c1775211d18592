using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// The ValidatingAdmissionPolicy plugin: every policy whose matchConstraints cover the request, under each binding
/// naming it whose matchResources (if any) cover it too, is evaluated in CEL; the binding's validationActions say what
/// a failure does (validating/dispatcher.go): Deny rejects with
/// <c>ValidatingAdmissionPolicy '{policy}' with binding '{binding}' denied request: {message}</c>, Warn adds a
/// <c>Warning</c> header, Audit would only annotate the audit event (there is no audit log here).
/// </summary>
/// <remarks>
/// Runs synchronously on the final object, inside the store's write for updates and patches (so a policy sees exactly
/// what would be stored), and before storing on create. Upstream runs it before the validating webhooks; here it runs
/// after them on create. DELETE is not admitted.
/// </remarks>
internal sealed class ValidatingAdmissionPolicies(FakeObjectStore store, AdmissionWebhooks settings)
{
    /// <summary>Throws the first denial; returns the warnings for the response.</summary>
    public IReadOnlyList<string> Validate(PolicyRequest request)
    {
        request = request with { User = request.User ?? settings.DefaultUser };
        var warnings = new List<string>();
        var bindings = store.ListShared(BuiltinResources.ValidatingAdmissionPolicyBindings, ObjectFilter.Everything).Items.ToList();
        foreach (var policy in store.ListShared(BuiltinResources.ValidatingAdmissionPolicies, ObjectFilter.Everything).Items)
        {
            if (!PolicyMatch.Matches(policy["spec"]?["matchConstraints"], request, store))
            {
                continue;
            }
            foreach (var binding in bindings.Where(b => Meta.String(b["spec"], "policyName") == Meta.Name(policy)))
            {
                if (binding["spec"]?["matchResources"] is { } scope && !PolicyMatch.Matches(scope, request, store))
                {
                    continue;
                }
                foreach (var outcome in PolicyEvaluator.Evaluate(policy, binding, request, store))
                {
                    Act(Meta.Name(policy)!, binding, outcome, warnings);
                }
            }
        }
        return warnings;
    }

    private static void Act(string policy, JsonObject binding, PolicyOutcome outcome, List<string> warnings)
    {
        var name = Meta.Name(binding)!;
        var actions = (binding["spec"]?["validationActions"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).ToList();
        if (actions.Contains("Warn"))
        {
            warnings.Add($"Validation failed for ValidatingAdmissionPolicy '{policy}' with binding '{name}': {outcome.Message}");
        }
        if (actions.Contains("Deny"))
        {
            throw Denied($"ValidatingAdmissionPolicy '{policy}' with binding '{name}' denied request: {outcome.Message}", outcome.Reason);
        }
    }

    /// <summary>A StatusError whose one cause carries the message; the code follows the reason (Invalid 422, Forbidden 403...).</summary>
    private static ApiStatusException Denied(string message, string reason)
    {
        var code = reason switch
        {
            "Forbidden" => 403,
            "Unauthorized" => 401,
            "RequestEntityTooLarge" => 413,
            _ => 422,
        };
        return new ApiStatusException(code, reason, message, new StatusDetails { Causes = [new StatusCause("", message, "")] });
    }
}
