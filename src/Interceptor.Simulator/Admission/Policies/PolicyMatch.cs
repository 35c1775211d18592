using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// Whether a policy's matchConstraints, or a binding's matchResources, cover a request (apiserver
/// pkg/admission/plugin/policy/matching): resourceRules (with subresources such as <c>podmigrations/status</c>),
/// minus excludeResourceRules, then namespaceSelector and objectSelector. resourceNames and matchPolicy
/// Equivalent are not consulted.
/// </summary>
internal static class PolicyMatch
{
    public static bool Matches(JsonNode? constraints, PolicyRequest request, FakeObjectStore store) =>
        constraints is JsonObject match
        && match["resourceRules"] is JsonArray rules && WebhookRules.Match(rules, request.Attributes)
        && !(match["excludeResourceRules"] is JsonArray excluded && WebhookRules.Match(excluded, request.Attributes))
        && (request.Attributes.Namespace.Length == 0
            || NamespaceSelectorMatch.Matches(match["namespaceSelector"], request.Attributes.Namespace, store))
        && ObjectMatches(match["objectSelector"], request);

    /// <summary>The object's labels, or the old object's (a DELETE has only that), as predicates/object does.</summary>
    private static bool ObjectMatches(JsonNode? selector, PolicyRequest request) =>
        LabelSelectorJson.Parse(selector) is { } parsed
        && ((request.Object is { } obj && parsed.Matches(obj)) || (request.OldObject is { } old && parsed.Matches(old)));
}
