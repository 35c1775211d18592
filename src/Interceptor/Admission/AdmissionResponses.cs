namespace Interceptor.Admission;

/// <summary>Builds the webhook's answers. Every answer echoes the request UID: the API server rejects one that does not.</summary>
public static class AdmissionResponses
{
    public const int TooManyRequests = 429;
    public const string TooManyRequestsReason = "TooManyRequests";

    public const string JsonPatchType = "JSONPatch";

    public static AdmissionResponse Allowed(string uid, IReadOnlyList<string>? warnings = null) => new(uid, true, Warnings: warnings);

    /// <summary>Allowed, with an RFC 6902 JSON Patch for the API server to apply to the object (a mutating webhook's answer).</summary>
    public static AdmissionResponse Patched(string uid, byte[] jsonPatch) => new(uid, true, PatchType: JsonPatchType, Patch: jsonPatch);

    /// <summary>
    /// A 429 denial. No <c>retryAfterSeconds</c>: with it, client-go silently retries the same POST ten times
    /// before the caller's own loop (and its visible "will retry after 5s" line) ever runs.
    /// </summary>
    public static AdmissionResponse TooManyRequestsDenied(string uid, string message) =>
        new(uid, false, new AdmissionStatus(TooManyRequests, TooManyRequestsReason, message));

    public static AdmissionResponse For(string uid, EvictionDecision decision) =>
        decision.Allowed ? Allowed(uid) : TooManyRequestsDenied(uid, decision.Message);
}
