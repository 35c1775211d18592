using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Mutating admission by webhooks (apiserver admission/plugin/webhook/mutating dispatcher.go): the matching
/// webhooks of every MutatingWebhookConfiguration are called one after another, in configuration-name order,
/// each seeing the object as the previous ones left it; a JSONPatch answer is applied before the next call.
/// </summary>
/// <remarks>
/// reinvocationPolicy is read but only Never is honoured: a webhook is never called a second time after a later
/// one changed the object (the real server re-runs IfNeeded webhooks once). Failures follow dispatcher.go: an
/// invalid answer or an unsupported patch type is a failed call (failurePolicy decides), a patch that does not
/// apply is a 500 whatever the policy, a denial is the webhook's Status.
/// </remarks>
internal sealed class MutatingAdmission(FakeObjectStore store, AdmissionWebhooks settings)
{
    private const string JsonPatchType = "JSONPatch";

    /// <summary>The object after every matching webhook's patch; the request's own object is not changed.</summary>
    public async Task<JsonObject> AdmitAsync(AdmissionRequestContext request, CancellationToken aborted)
    {
        var configurations = store.ListShared(BuiltinResources.MutatingWebhookConfigurations, Selectors.ObjectFilter.Everything).Items;
        var current = request.Object;
        foreach (var hook in MutatingWebhook.All(configurations))
        {
            var asked = request with { Object = current };
            if (!WebhookDispatch.Applies(hook.Entry, asked, store))
            {
                continue;
            }
            var outcome = await WebhookDispatch.CallAsync(hook.Entry, asked, settings, mutating: true, aborted);
            current = Apply(hook.Entry, outcome, current);
        }
        return current;
    }

    /// <summary>What one answer does to the object, or the error it becomes.</summary>
    private static JsonObject Apply(ValidatingWebhook hook, WebhookOutcome outcome, JsonObject current)
    {
        switch (outcome)
        {
            case WebhookOutcome.Denied denied:
                throw WebhookErrors.Denied(hook.Name, denied.Status);
            case WebhookOutcome.Failed failed:
                return hook.FailOpen ? current : throw WebhookErrors.CallFailed(hook.Name, failed.Reason);
            case WebhookOutcome.Allowed { Patch: { Length: > 0 } patch, PatchType: var type }:
                if (type != JsonPatchType)
                {
                    var unsupported = $"unsupported patch type \"{type}\"";
                    return hook.FailOpen ? current : throw WebhookErrors.CallFailed(hook.Name, unsupported);
                }
                return Patched(current, patch);
            default:
                return current;
        }
    }

    /// <summary>Decodes the base64 patch and applies it to a copy; any failure is NewInternalError, as in dispatcher.go.</summary>
    private static JsonObject Patched(JsonObject current, string base64Patch)
    {
        var copy = current.DeepClone().AsObject();
        try
        {
            var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64Patch)));
            JsonPatch.Apply(copy, patch);
            return copy;
        }
        catch (Exception e) when (e is FormatException or JsonException or ApiStatusException)
        {
            throw new ApiStatusException(500, "InternalError", $"Internal error occurred: {e.Message}", new StatusDetails());
        }
    }
}
