using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// One entry of a ValidatingWebhookConfiguration's <c>webhooks</c>, with the v1 defaults applied
/// (failurePolicy Fail, matchPolicy Equivalent, timeoutSeconds 10; k8s.io/api admissionregistration/v1).
/// </summary>
internal sealed record ValidatingWebhook(
    string Name,
    JsonObject ClientConfig,
    JsonArray Rules,
    JsonNode? NamespaceSelector,
    JsonNode? ObjectSelector,
    bool FailOpen,
    TimeSpan Timeout,
    string SideEffects)
{
    private const int DefaultTimeoutSeconds = 10;

    /// <summary>The webhooks of every configuration, configurations sorted by name as the real server orders them.</summary>
    public static IEnumerable<ValidatingWebhook> All(IEnumerable<JsonObject> configurations) =>
        configurations
            .OrderBy(c => Meta.Name(c), StringComparer.Ordinal)
            .SelectMany(c => c["webhooks"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(From);

    /// <summary>
    /// One entry read with the v1 defaults. A MutatingWebhook entry has the same fields (plus reinvocationPolicy),
    /// so <see cref="MutatingWebhook"/> reads its shared part here too.
    /// </summary>
    public static ValidatingWebhook From(JsonObject hook) => new(
        Meta.String(hook, "name") ?? "",
        hook["clientConfig"] as JsonObject ?? [],
        hook["rules"] as JsonArray ?? [],
        hook["namespaceSelector"],
        hook["objectSelector"],
        FailOpen: Meta.String(hook, "failurePolicy") == "Ignore",
        TimeSpan.FromSeconds(TimeoutSeconds(hook)),
        Meta.String(hook, "sideEffects") ?? "");

    private static long TimeoutSeconds(JsonObject hook) =>
        JsonNumbers.Long(hook, "timeoutSeconds") is var seconds and > 0 ? seconds : DefaultTimeoutSeconds;

    /// <summary>None and NoneOnDryRun promise no side effects on a dry run; Some and Unknown do not (dispatcher.go).</summary>
    public bool SupportsDryRun => SideEffects is "None" or "NoneOnDryRun";
}
