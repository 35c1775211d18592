namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// The one error the kubelet checkpoint client throws for a failed checkpoint. The message reads
/// <c>Kubelet checkpoint of ns/pod/ctr failed (Kind, HTTP 500, transient): detail</c>. Caller
/// cancellation is not wrapped: it is the caller's decision, not the kubelet's failure.
/// </summary>
public sealed class KubeletCheckpointException : Exception
{
    public KubeletCheckpointException(
        KubeletFailureKind kind,
        ContainerRef container,
        string detail,
        int? statusCode = null,
        bool? isTransient = null,
        Exception? innerException = null)
        : base(Format(kind, container, detail, statusCode, isTransient ?? IsTransientByDefault(kind)), innerException)
    {
        Kind = kind;
        Container = container;
        Detail = detail;
        StatusCode = statusCode;
        IsTransient = isTransient ?? IsTransientByDefault(kind);
    }

    public KubeletFailureKind Kind { get; }

    public ContainerRef Container { get; }

    /// <summary>What happened, without the prefix; includes the kubelet's own message when it sent one.</summary>
    public string Detail { get; }

    /// <summary>The kubelet's HTTP status, or null when none was received (connection failure, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// True when calling again later may succeed (requeue with backoff); false when it will not
    /// until something changes (fail the migration and roll back).
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>
    /// The transience of each kind; only <see cref="KubeletFailureKind.RuntimeFailed"/> is decided
    /// per failure, from the runtime's message.
    /// </summary>
    public static bool IsTransientByDefault(KubeletFailureKind kind) => kind switch
    {
        KubeletFailureKind.Timeout => true,
        KubeletFailureKind.Unavailable => true,
        KubeletFailureKind.RuntimeFailed => true,
        _ => false,
    };

    private static string Format(KubeletFailureKind kind, ContainerRef container, string detail, int? statusCode, bool isTransient)
    {
        var status = statusCode is { } code ? $", HTTP {code}" : string.Empty;
        var transience = isTransient ? "transient" : "terminal";
        return $"Kubelet checkpoint of {container} failed ({kind}{status}, {transience}): {detail}";
    }
}
