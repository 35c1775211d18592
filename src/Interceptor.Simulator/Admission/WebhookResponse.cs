using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Reads a webhook's AdmissionReview answer with the checks of apiserver webhook/request
/// (VerifyAdmissionResponse): right apiVersion and kind, a response, and the request's uid echoed.
/// </summary>
internal static class WebhookResponse
{
    private const string Invalid = "received invalid webhook response: ";

    public static WebhookOutcome Read(string body, string uid)
    {
        JsonObject? review;
        try
        {
            review = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            return new WebhookOutcome.Failed($"{Invalid}{e.Message}");
        }
        var apiVersion = Meta.String(review, "apiVersion") ?? "";
        var kind = Meta.String(review, "kind") ?? "";
        if (apiVersion != "admission.k8s.io/v1" || kind != "AdmissionReview")
        {
            return new WebhookOutcome.Failed(
                $"{Invalid}expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {apiVersion}, Kind={kind}");
        }
        if (review?["response"] is not JsonObject response)
        {
            return new WebhookOutcome.Failed($"{Invalid}webhook response was absent");
        }
        var echoed = Meta.String(response, "uid") ?? "";
        if (echoed != uid)
        {
            return new WebhookOutcome.Failed($"{Invalid}expected response.uid=\"{uid}\", got \"{echoed}\"");
        }
        var allowed = response["allowed"] is JsonValue a && a.TryGetValue<bool>(out var yes) && yes;
        return allowed
            ? new WebhookOutcome.Allowed(Meta.String(response, "patch"), Meta.String(response, "patchType"))
            : new WebhookOutcome.Denied(response["status"] as JsonObject);
    }

    /// <summary>
    /// VerifyAdmissionResponse's patch rules: a mutating webhook sends patch and patchType together, a
    /// validating one neither. Breaking them makes the answer invalid, a failed call that failurePolicy judges.
    /// </summary>
    public static WebhookOutcome VerifyPatch(WebhookOutcome outcome, bool mutating)
    {
        if (outcome is not WebhookOutcome.Allowed { } allowed)
        {
            return outcome;
        }
        var hasPatch = !string.IsNullOrEmpty(allowed.Patch);
        var problem = (mutating, hasPatch, allowed.PatchType) switch
        {
            (true, true, null) => "webhook returned response.patch but not response.patchType",
            (true, false, not null) => "webhook returned response.patchType but not response.patch",
            (true, true, "") => "webhook returned invalid response.patchType of \"\"",
            (false, true, _) => "validating webhook may not return response.patch",
            (false, false, not null) => "validating webhook may not return response.patchType",
            _ => null,
        };
        return problem is null ? outcome : new WebhookOutcome.Failed($"{Invalid}{problem}");
    }
}
