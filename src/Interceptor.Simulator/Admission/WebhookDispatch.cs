using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// What validating and mutating admission share (apiserver admission/plugin/webhook/generic and dispatchers):
/// whether a webhook applies to a request, and one call of it with the dry-run rules and the response checks.
/// </summary>
internal static class WebhookDispatch
{
    /// <summary>
    /// Rules, then namespaceSelector, then objectSelector (predicates/object: the object's labels; for
    /// pods/eviction that is the Eviction, which carries none, so only an empty selector matches there).
    /// </summary>
    public static bool Applies(ValidatingWebhook hook, AdmissionRequestContext request, FakeObjectStore store) =>
        WebhookRules.Match(hook.Rules, request.Attributes)
        && NamespaceSelectorMatch.Matches(hook.NamespaceSelector, request.Attributes.Namespace, store)
        && ObjectSelectorMatches(hook.ObjectSelector, request.Object);

    /// <summary>dispatcher.go callHook: on a dry run, a webhook must promise no side effects before it is called.</summary>
    public static async Task<WebhookOutcome> CallAsync(
        ValidatingWebhook hook, AdmissionRequestContext request, AdmissionWebhooks settings, bool mutating, CancellationToken aborted)
    {
        if (request.Attributes.DryRun && hook.SideEffects.Length == 0)
        {
            return new WebhookOutcome.Failed("Webhook SideEffects is nil");
        }
        if (request.Attributes.DryRun && !hook.SupportsDryRun)
        {
            // A rejection, not a failed call: failurePolicy does not soften it.
            throw WebhookErrors.DryRunUnsupported(hook.Name);
        }
        var review = AdmissionReviewRequest.Build(Guid.NewGuid().ToString(), request, settings);
        var outcome = await WebhookCaller.CallAsync(hook, settings, review, aborted);
        return WebhookResponse.VerifyPatch(outcome, mutating);
    }

    private static bool ObjectSelectorMatches(JsonNode? objectSelector, JsonObject obj) =>
        LabelSelectorJson.Parse(objectSelector) is { } selector && selector.Matches(obj);
}
