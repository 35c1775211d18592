using System.Text.Json;

namespace Interceptor.Simulator.Errors;

/// <summary>
/// A failure that becomes a Kubernetes <c>Status</c> response with the same HTTP code.
/// The store throws it too, so in-process seeding sees exactly what an HTTP client would.
/// </summary>
public sealed class ApiStatusException(int code, string? reason, string message, StatusDetails? details = null)
    : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Null when the real server sends no reason (plain internal errors).</summary>
    public string? Reason { get; } = reason;

    public StatusDetails? Details { get; } = details;

    /// <summary>Writes the Status object; field order and omissions follow the Go encoder.</summary>
    public void WriteStatus(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Failure");
        writer.WriteString("message", Message);
        if (Reason is not null)
        {
            writer.WriteString("reason", Reason);
        }
        if (Details is not null)
        {
            WriteDetails(writer, Details);
        }
        writer.WriteNumber("code", Code);
        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, StatusDetails details)
    {
        writer.WriteStartObject("details");
        WriteIfSet(writer, "name", details.Name);
        WriteIfSet(writer, "group", details.Group);
        WriteIfSet(writer, "kind", details.Kind);
        if (details.Causes.Count > 0)
        {
            writer.WriteStartArray("causes");
            foreach (var cause in details.Causes)
            {
                writer.WriteStartObject();
                WriteIfSet(writer, "reason", cause.Reason);
                WriteIfSet(writer, "message", cause.Message);
                WriteIfSet(writer, "field", cause.Field);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (details.RetryAfterSeconds > 0)
        {
            writer.WriteNumber("retryAfterSeconds", details.RetryAfterSeconds);
        }
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
