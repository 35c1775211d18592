using System.Net;
using System.Security.Authentication;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Classifies every way a checkpoint call can go wrong into one <see cref="KubeletFailureKind"/>:
/// the kubelet's status codes (K-K <c>pkg/kubelet/server/server.go</c> <c>checkpoint()</c>) and the
/// transport's exceptions. The one place that decides transient or terminal.
/// </summary>
internal static class KubeletFailures
{
    private const int MaxShownBodyLength = 512;

    // Phrases with which a runtime says it cannot checkpoint at all: gRPC "Unimplemented" from a
    // containerd before 2.0, "checkpoint/restore support not available" from CRI-O without CRIU.
    private static readonly string[] UnsupportedPhrases =
        ["unimplemented", "not implemented", "not supported", "unsupported", "support not available"];

    public static KubeletCheckpointException FromStatus(HttpStatusCode status, string body, ContainerRef container)
    {
        var code = (int)status;
        var said = Said(body);
        return code switch
        {
            401 => new(KubeletFailureKind.Unauthorized, container,
                "the kubelet did not accept the service-account token (expired, wrong audience, or the kubelet has no --authentication-token-webhook)" + said, code),
            403 => new(KubeletFailureKind.Unauthorized, container,
                "forbidden: the agent's service account needs RBAC create on nodes/checkpoint" + said, code),
            404 when body.Contains("cannot parse value of timeout", StringComparison.OrdinalIgnoreCase) => new(KubeletFailureKind.ProtocolError, container,
                "the kubelet could not parse the timeout parameter" + said, code),
            404 => new(KubeletFailureKind.NotFound, container,
                "either the pod or container is not on this node (deleted, not started, or another node), or the kubelet's ContainerCheckpoint feature gate is off" + said, code),
            500 => RuntimeFailed(body, container, code),
            501 => new(KubeletFailureKind.RuntimeFailed, container, "the kubelet does not implement checkpointing" + said, code, isTransient: false),
            429 or 502 or 503 => new(KubeletFailureKind.Unavailable, container, "the kubelet cannot serve the request now" + said, code),
            // IMPORTANT: a gateway timeout means the checkpoint may still be running behind it: a Timeout, never retried.
            504 => new(KubeletFailureKind.Timeout, container, "a gateway in front of the kubelet timed out; the runtime may still be writing the archive" + said, code),
            >= 300 and < 400 => new(KubeletFailureKind.ProtocolError, container, "the kubelet answered with a redirect, which is not followed (the token would go elsewhere)", code),
            _ => new(KubeletFailureKind.ProtocolError, container, "unexpected status for a checkpoint" + said, code),
        };
    }

    /// <summary>
    /// The transport exception as a failure, or null when it is not the kubelet's doing: caller
    /// cancellation (and the pipeline's own timeout, which arrives the same way) and bugs propagate.
    /// </summary>
    public static KubeletCheckpointException? FromException(Exception exception, ContainerRef container, CancellationToken attemptToken)
    {
        return exception switch
        {
            KubeletCheckpointException => null,
            OperationCanceledException when attemptToken.IsCancellationRequested => null,
            // HttpClient.Timeout fired: a caller-supplied HttpClient with a finite Timeout.
            OperationCanceledException { InnerException: TimeoutException } => new(KubeletFailureKind.Timeout, container,
                "the HttpClient's own timeout expired before the kubelet answered", innerException: exception),
            HttpRequestException http => FromHttpRequest(http, container),
            IOException => new(KubeletFailureKind.Unavailable, container,
                $"the connection failed while the answer was read ({exception.Message})", innerException: exception),
            _ => null,
        };
    }

    public static KubeletCheckpointException DeadlineExceeded(
        ContainerRef container, TimeSpan deadline, int attempts, KubeletCheckpointException? lastFailure, Exception innerException)
    {
        var before = lastFailure is null ? string.Empty : $"; the attempt before failed: {lastFailure.Kind}: {lastFailure.Detail}";
        return new(KubeletFailureKind.Timeout, container,
            $"no complete answer within {deadline.TotalSeconds:0.###} s (the checkpoint timeout plus the margin) after {attempts} attempt(s); the runtime may still be writing the archive{before}",
            innerException: innerException);
    }

    public static KubeletCheckpointException Protocol(ContainerRef container, string detail, Exception? innerException = null) =>
        new(KubeletFailureKind.ProtocolError, container, detail, 200, innerException: innerException);

    private static KubeletCheckpointException RuntimeFailed(string body, ContainerRef container, int code)
    {
        var unsupported = UnsupportedPhrases.Any(phrase => body.Contains(phrase, StringComparison.OrdinalIgnoreCase));
        var detail = unsupported
            ? "the container runtime does not support checkpointing"
            : "the container runtime failed to checkpoint";
        return new(KubeletFailureKind.RuntimeFailed, container, detail + Said(body), code, isTransient: !unsupported);
    }

    private static KubeletCheckpointException FromHttpRequest(HttpRequestException exception, ContainerRef container)
    {
        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError && HasCause<AuthenticationException>(exception))
        {
            return new(KubeletFailureKind.Untrusted, container,
                $"the kubelet's serving certificate was not trusted ({exception.Message})", innerException: exception);
        }

        var kind = exception.HttpRequestError == HttpRequestError.InvalidResponse
            ? KubeletFailureKind.ProtocolError
            : KubeletFailureKind.Unavailable;
        return new(kind, container, $"the request failed ({exception.HttpRequestError}: {exception.Message})", innerException: exception);
    }

    private static bool HasCause<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }

    private static string Said(string body) =>
        string.IsNullOrWhiteSpace(body) ? string.Empty : $"; the kubelet said: {KubeletText.Printable(body.Trim(), MaxShownBodyLength)}";
}
