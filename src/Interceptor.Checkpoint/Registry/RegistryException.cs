namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// The one error the registry client throws. The message reads
/// <c>Registry PATCH blob upload failed (Unavailable, HTTP 503, transient): detail</c>.
/// Caller cancellation is not wrapped.
/// </summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryFailureKind kind, string operation, string detail, int? statusCode = null, Exception? innerException = null)
        : base(Format(kind, operation, detail, statusCode), innerException)
    {
        Kind = kind;
        Operation = operation;
        Detail = detail;
        StatusCode = statusCode;
    }

    public RegistryFailureKind Kind { get; }

    /// <summary>What was being done, e.g. "PUT manifest".</summary>
    public string Operation { get; }

    /// <summary>What happened, with the registry's own error codes when it sent them.</summary>
    public string Detail { get; }

    /// <summary>The HTTP status, or null when none was received.</summary>
    public int? StatusCode { get; }

    /// <summary>True when trying again later may succeed (requeue with backoff); false to fail and roll back.</summary>
    public bool IsTransient => IsTransientKind(Kind);

    public static bool IsTransientKind(RegistryFailureKind kind) =>
        kind is RegistryFailureKind.Unavailable or RegistryFailureKind.Timeout or RegistryFailureKind.UploadLost;

    private static string Format(RegistryFailureKind kind, string operation, string detail, int? statusCode)
    {
        var status = statusCode is { } code ? $", HTTP {code}" : string.Empty;
        var transience = IsTransientKind(kind) ? "transient" : "terminal";
        return $"Registry {operation} failed ({kind}{status}, {transience}): {detail}";
    }
}
