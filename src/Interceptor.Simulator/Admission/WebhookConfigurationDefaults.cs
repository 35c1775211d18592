using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// The defaults admissionregistration/v1 applies when a Validating- or MutatingWebhookConfiguration is created
/// (pkg/apis/admissionregistration/v1/defaults.go), so a client reading one back sees what a real cluster shows.
/// </summary>
internal static class WebhookConfigurationDefaults
{
    public static void Apply(JsonObject configuration) => Apply(configuration, mutating: false);

    /// <summary>A MutatingWebhookConfiguration gets the same defaults plus <c>reinvocationPolicy: Never</c>.</summary>
    public static void ApplyMutating(JsonObject configuration) => Apply(configuration, mutating: true);

    private static void Apply(JsonObject configuration, bool mutating)
    {
        foreach (var hook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            hook["failurePolicy"] ??= "Fail";
            hook["matchPolicy"] ??= "Equivalent";
            hook["namespaceSelector"] ??= new JsonObject();
            hook["objectSelector"] ??= new JsonObject();
            hook["timeoutSeconds"] ??= 10;
            if (mutating)
            {
                hook["reinvocationPolicy"] ??= "Never";
            }
            foreach (var rule in (hook["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                rule["scope"] ??= "*";
            }
        }
    }
}
