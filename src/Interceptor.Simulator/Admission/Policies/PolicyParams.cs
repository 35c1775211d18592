using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// The params a binding hands its policy (validating/dispatcher.go collectParams): none without paramKind; else the
/// object paramRef names, or those its selector picks, in paramRef.namespace or the request's namespace. Every
/// param is evaluated on its own. With none found, parameterNotFoundAction Allow admits and Deny (the default) fails.
/// </summary>
internal static class PolicyParams
{
    /// <summary>The params to evaluate with (one null when the policy takes none), or the binding error.</summary>
    public static (IReadOnlyList<JsonObject?> Params, string? Error) Resolve(JsonObject policySpec, JsonObject bindingSpec, PolicyRequest request, FakeObjectStore store)
    {
        if (policySpec["paramKind"] is not JsonObject paramKind)
        {
            return ([null], null);
        }
        var apiVersion = Meta.String(paramKind, "apiVersion") ?? "";
        var kind = Meta.String(paramKind, "kind") ?? "";
        if (store.Resources.FindByKind(apiVersion, kind) is not { } resource)
        {
            return ([], $"failed to find resource referenced by paramKind: '{apiVersion}, Kind={kind}'");
        }
        if (bindingSpec["paramRef"] is not JsonObject paramRef)
        {
            return ([], "paramKind is set but the binding has no paramRef");
        }
        var ns = resource.Namespaced ? Meta.String(paramRef, "namespace") ?? request.Attributes.Namespace : "";
        List<JsonObject?> found = Meta.String(paramRef, "name") is { Length: > 0 } name
            ? store.TryGet(resource, ns, name) is { } one ? [one] : []
            : [.. store.List(resource, ObjectFilter.Everything with { Namespace = ns.Length > 0 ? ns : null })
                .Items.Where(p => LabelSelectorJson.Parse(paramRef["selector"])?.Matches(p) == true)];
        if (found.Count == 0 && Meta.String(paramRef, "parameterNotFoundAction") != "Allow")
        {
            return ([], "no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        return (found, null);
    }
}
