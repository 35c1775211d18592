using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// The caller-visible errors of webhook admission, worded as apiserver webhook/errors (ToStatusErr,
/// NewDryRunUnsupportedErr) and webhook/util (ErrCallingWebhook wrapped by NewInternalError).
/// </summary>
internal static class WebhookErrors
{
    /// <summary>ToStatusErr: code below 400 becomes 400, reason and details pass through, the message is prefixed.</summary>
    public static ApiStatusException Denied(string webhook, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{webhook}\" denied the request";
        var code = (int)JsonNumbers.Long(status, "code");
        var reason = Meta.String(status, "reason");
        var message = Meta.String(status, "message");
        var text = !string.IsNullOrEmpty(message) ? $"{deniedBy}: {message}"
            : !string.IsNullOrEmpty(reason) ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new ApiStatusException(Math.Max(code, 400), string.IsNullOrEmpty(reason) ? null : reason, text,
            Details(status?["details"] as JsonObject));
    }

    /// <summary>failurePolicy Fail: the call's failure becomes a 500 InternalError.</summary>
    public static ApiStatusException CallFailed(string webhook, string reason)
    {
        var error = $"failed calling webhook \"{webhook}\": {reason}";
        return new ApiStatusException(500, "InternalError", $"Internal error occurred: {error}",
            new StatusDetails { Causes = [new StatusCause("", error, "")] });
    }

    public static ApiStatusException DryRunUnsupported(string webhook) =>
        StatusErrors.BadRequest($"admission webhook \"{webhook}\" does not support dry run");

    private static StatusDetails? Details(JsonObject? details) => details is null ? null
        : new StatusDetails(Meta.String(details, "name"), Meta.String(details, "group"), Meta.String(details, "kind"))
        {
            Causes = [.. (details["causes"] as JsonArray ?? []).Select(c => new StatusCause(
                Meta.String(c, "reason") ?? "", Meta.String(c, "message") ?? "", Meta.String(c, "field") ?? ""))],
            RetryAfterSeconds = (int)JsonNumbers.Long(details, "retryAfterSeconds"),
        };
}
