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
        return allowed ? new WebhookOutcome.Allowed() : new WebhookOutcome.Denied(response["status"] as JsonObject);
    }
}
