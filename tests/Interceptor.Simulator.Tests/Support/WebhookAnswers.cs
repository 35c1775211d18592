using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>AdmissionReview <c>response</c> objects a test webhook answers with.</summary>
public static class WebhookAnswers
{
    public static JsonObject Allow() => new() { ["allowed"] = true };

    public static JsonObject Deny(int code, string? reason, string message, int retryAfterSeconds = 0)
    {
        var status = new JsonObject { ["code"] = code, ["message"] = message };
        if (reason is not null)
        {
            status["reason"] = reason;
        }
        if (retryAfterSeconds > 0)
        {
            status["details"] = new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds };
        }
        return new JsonObject { ["allowed"] = false, ["status"] = status };
    }
}
