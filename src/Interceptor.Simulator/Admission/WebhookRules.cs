using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Whether a webhook's <c>rules</c> cover a request (apiserver admission/plugin/webhook/predicates/rules).
/// matchPolicy is not consulted: Equivalent only adds other group/versions serving the same resource, and
/// pods/eviction is served by core v1 pods alone, whichever Eviction version the body carries.
/// </summary>
internal static class WebhookRules
{
    public static bool Match(JsonArray rules, AdmissionAttributes request) =>
        rules.OfType<JsonObject>().Any(rule => MatchRule(rule, request));

    private static bool MatchRule(JsonObject rule, AdmissionAttributes request) =>
        Contains(rule["apiGroups"], request.Group)
        && Contains(rule["apiVersions"], request.Version)
        && Contains(rule["operations"], request.Operation)
        && MatchResource(rule["resources"], request)
        && MatchScope(Meta.String(rule, "scope"));

    private static bool Contains(JsonNode? list, string value) =>
        Strings(list).Any(item => item == "*" || item == value);

    /// <summary>"*" means every resource but no subresource; "pods/*", "*/eviction" and "*/*" reach subresources.</summary>
    private static bool MatchResource(JsonNode? list, AdmissionAttributes request)
    {
        return Strings(list).Any(item =>
        {
            var parts = item.Split('/', 2);
            var resourceOk = parts[0] == "*" || parts[0] == request.Resource;
            return parts.Length == 1
                ? request.Subresource.Length == 0 && resourceOk
                : resourceOk && (parts[1] == "*" || parts[1] == request.Subresource);
        });
    }

    /// <summary>Every request admitted here is namespaced (pods/eviction, CREATE of namespaced objects), so only "Cluster" excludes it.</summary>
    private static bool MatchScope(string? scope) => scope is null or "*" or "Namespaced";

    private static IEnumerable<string> Strings(JsonNode? list) =>
        (list as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
}
