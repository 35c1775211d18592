using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Admission;

/// <summary>What one webhook call came to.</summary>
internal abstract record WebhookOutcome
{
    public sealed record Allowed : WebhookOutcome;

    /// <summary>The webhook said no; <paramref name="Status"/> is its <c>response.status</c> (may be null).</summary>
    public sealed record Denied(JsonObject? Status) : WebhookOutcome;

    /// <summary>The call itself failed (unreachable, timeout, TLS, bad answer); failurePolicy decides.</summary>
    public sealed record Failed(string Reason) : WebhookOutcome;
}
