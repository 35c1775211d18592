using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Admission;

/// <summary>What one webhook call came to.</summary>
internal abstract record WebhookOutcome
{
    /// <summary>Allowed; a mutating webhook may add <c>response.patch</c> (base64) and <c>response.patchType</c>.</summary>
    public sealed record Allowed(string? Patch = null, string? PatchType = null) : WebhookOutcome;

    /// <summary>The webhook said no; <paramref name="Status"/> is its <c>response.status</c> (may be null).</summary>
    public sealed record Denied(JsonObject? Status) : WebhookOutcome;

    /// <summary>The call itself failed (unreachable, timeout, TLS, bad answer); failurePolicy decides.</summary>
    public sealed record Failed(string Reason) : WebhookOutcome;
}
