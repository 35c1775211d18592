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
/// The same webhooks see CREATE of namespaced objects (after the mutating ones, <see cref="CreateAdmission"/>).
/// </remarks>
internal sealed class ValidatingAdmission(FakeObjectStore store, AdmissionWebhooks settings)
{
    public async Task ValidateAsync(AdmissionRequestContext request, CancellationToken aborted)
    {
        var configurations = store.List(BuiltinResources.ValidatingWebhookConfigurations).Items;
        foreach (var hook in ValidatingWebhook.All(configurations))
        {
            if (!WebhookDispatch.Applies(hook, request, store))
            {
                continue;
            }
            var outcome = await WebhookDispatch.CallAsync(hook, request, settings, mutating: false, aborted);
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
}

/// <summary>Everything a review reports about one request besides its uid.</summary>
internal sealed record AdmissionRequestContext(
    AdmissionAttributes Attributes,
    GroupVersionKind Kind,
    GroupVersionKind RequestKind,
    JsonObject Object,
    AdmissionUser? User);
