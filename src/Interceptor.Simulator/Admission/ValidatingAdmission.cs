using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Validating admission by webhooks (apiserver admission/plugin/webhook/validating): every webhook of every
/// ValidatingWebhookConfiguration whose rules and namespaceSelector match is called; a denial, or a failed
/// call under failurePolicy Fail, rejects the request.
/// </summary>
/// <remarks>
/// The real server calls matching webhooks in parallel and reports the first error to arrive; here they run
/// one after another in configuration order, so with several rejecting webhooks the reported one is stable.
/// objectSelector is not evaluated: for pods/eviction it sees the Eviction's labels, which callers never set.
/// </remarks>
internal sealed class ValidatingAdmission(FakeObjectStore store, AdmissionWebhooks settings)
{
    public async Task ValidateAsync(AdmissionRequestContext request, CancellationToken aborted)
    {
        var configurations = store.List(BuiltinResources.ValidatingWebhookConfigurations).Items;
        foreach (var hook in ValidatingWebhook.All(configurations))
        {
            if (!WebhookRules.Match(hook.Rules, request.Attributes)
                || !NamespaceSelectorMatch.Matches(hook.NamespaceSelector, request.Attributes.Namespace, store))
            {
                continue;
            }
            var outcome = await CallAsync(hook, request, aborted);
            if (outcome is WebhookOutcome.Denied denied)
            {
                throw WebhookErrors.Denied(hook.Name, denied.Status);
            }
            if (outcome is WebhookOutcome.Failed failed && !hook.FailOpen)
            {
                throw WebhookErrors.CallFailed(hook.Name, failed.Reason);
            }
        }
    }

    /// <summary>dispatcher.go callHook: on a dry run, a webhook must promise no side effects before it is called.</summary>
    private async Task<WebhookOutcome> CallAsync(ValidatingWebhook hook, AdmissionRequestContext request, CancellationToken aborted)
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
        return await WebhookCaller.CallAsync(hook, settings, review, aborted);
    }
}

/// <summary>Everything a review reports about one request besides its uid.</summary>
internal sealed record AdmissionRequestContext(
    AdmissionAttributes Attributes,
    GroupVersionKind Kind,
    GroupVersionKind RequestKind,
    JsonObject Object,
    AdmissionUser? User);
