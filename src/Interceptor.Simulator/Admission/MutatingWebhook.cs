using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// One entry of a MutatingWebhookConfiguration's <c>webhooks</c>: every field of a validating entry (read by
/// <see cref="ValidatingWebhook.From"/>, with the same v1 defaults) plus <c>reinvocationPolicy</c>.
/// </summary>
internal sealed record MutatingWebhook(ValidatingWebhook Entry, string ReinvocationPolicy)
{
    /// <summary>The webhooks of every configuration, configurations sorted by name as the real server orders them.</summary>
    public static IEnumerable<MutatingWebhook> All(IEnumerable<JsonObject> configurations) =>
        configurations
            .OrderBy(c => Meta.Name(c), StringComparer.Ordinal)
            .SelectMany(c => c["webhooks"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(hook => new MutatingWebhook(ValidatingWebhook.From(hook), Meta.String(hook, "reinvocationPolicy") ?? "Never"));
}
