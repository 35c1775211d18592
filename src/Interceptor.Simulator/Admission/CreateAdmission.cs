using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Admission of a CREATE of a namespaced object, in the real server's order: mutating webhooks change the
/// object, then validating webhooks judge the result, then it is stored. Both the HTTP create handler and
/// the simulated controllers create through here, so a pod a ReplicaSet or StatefulSet makes is mutated
/// exactly like one a user posts (DESIGN section 5 relies on that for same-name restores).
/// </summary>
/// <remarks>
/// Unlike the real server, both kinds of webhook see the object before name generation and uid assignment
/// (the real validating webhooks run after them, inside the registry's Create). Cluster-scoped objects are
/// stored without admission: the rule scopes are evaluated for namespaced requests only.
/// </remarks>
internal sealed class CreateAdmission(FakeObjectStore store, AdmissionWebhooks settings)
{
    private readonly MutatingAdmission _mutating = new(store, settings);
    private readonly ValidatingAdmission _validating = new(store, settings);
    private readonly Policies.ValidatingAdmissionPolicies _policies = new(store, settings);

    /// <summary>Admits and stores the object; returns what was stored. Policy warnings go to <paramref name="warnings"/>.</summary>
    public async Task<JsonObject> CreateAsync(
        ResourceType resource, JsonObject obj, string? ns, AdmissionUser? user, CancellationToken aborted, List<string>? warnings = null)
    {
        var scope = ns ?? Meta.Namespace(obj);
        if (!resource.Namespaced || string.IsNullOrEmpty(scope))
        {
            return store.Create(resource, obj, ns);
        }
        var attributes = new AdmissionAttributes(
            resource.Group, resource.Version, resource.Plural, "", "CREATE", scope, Meta.Name(obj) ?? "", DryRun: false);
        var kind = new GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        var request = new AdmissionRequestContext(attributes, kind, kind, obj, user);
        var mutated = await _mutating.AdmitAsync(request, aborted);
        await _validating.ValidateAsync(request with { Object = mutated }, aborted);
        warnings?.AddRange(_policies.Validate(new Policies.PolicyRequest(attributes, kind, mutated, null, user)));
        return store.Create(resource, mutated, ns);
    }
}
