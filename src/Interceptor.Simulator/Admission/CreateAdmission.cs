using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission.PodSecurity;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Admission of a CREATE of a namespaced object, in the real server's order: mutating webhooks change the
/// object, the name is generated, then the validating plugins judge the result (PodSecurity before the
/// validating webhooks, as in the default plugin order), then it is stored. Both the HTTP create handler and
/// the simulated controllers create through here, so a pod a ReplicaSet or StatefulSet makes is mutated
/// exactly like one a user posts (DESIGN section 5 relies on that for same-name restores).
/// </summary>
/// <remarks>
/// As on the real server, mutating webhooks see the object before name generation and validation sees the
/// generated name (the registry's BeforeCreate runs before validating admission), so a refusal names the pod;
/// unlike it, uid assignment comes later. Cluster-scoped objects are stored without admission: the rule scopes
/// are evaluated for namespaced requests only.
/// </remarks>
internal sealed class CreateAdmission(FakeObjectStore store, AdmissionWebhooks settings)
{
    private readonly MutatingAdmission _mutating = new(store, settings);
    private readonly ValidatingAdmission _validating = new(store, settings);
    private readonly Policies.ValidatingAdmissionPolicies _policies = new(store, settings);

    /// <summary>
    /// Admits and stores the object; returns what was stored. Admission warnings (PodSecurity's <c>warn</c>) are
    /// added to <paramref name="warnings"/>, which the HTTP handler turns into <c>Warning</c> headers.
    /// </summary>
    public async Task<JsonObject> CreateAsync(
        ResourceType resource, JsonObject obj, string? ns, AdmissionUser? user, CancellationToken aborted,
        ICollection<string>? warnings = null)
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
        var name = GenerateName(resource, mutated, scope);
        foreach (var warning in PodSecurityAdmission.Admit(store, resource, mutated, scope))
        {
            warnings?.Add(warning);
        }
        await _validating.ValidateAsync(request with { Object = mutated, Attributes = attributes with { Name = name } }, aborted);
        foreach (var warning in _policies.Validate(new Policies.PolicyRequest(attributes with { Name = name }, kind, mutated, null, user)))
        {
            warnings?.Add(warning);
        }
        return store.Create(resource, mutated, ns);
    }

    /// <summary>
    /// rest.BeforeCreate's name generation, ahead of the store so validation can name the object; a name taken
    /// between here and the store's commit is a 409, as a generateName collision is on the real server.
    /// </summary>
    private string GenerateName(ResourceType resource, JsonObject obj, string ns) =>
        string.IsNullOrEmpty(Meta.Name(obj)) && !string.IsNullOrEmpty(Meta.GenerateName(obj))
            ? CreateDefaults.AssignName(resource, obj, n => store.TryGet(resource, ns, n) is not null)
            : Meta.Name(obj) ?? "";
}
