using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Interceptor.Checkpoint.Kubelet;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// The taxonomy as a table: each status and transport failure, its kind, whether it is transient,
/// and whether the client retries it. Pure: no server.
/// </summary>
public sealed class FailureClassificationTests
{
    private static readonly ContainerRef Web = FakeKubelet.Web;

    public static TheoryData<string, int, string, KubeletFailureKind, bool, bool> Statuses => new()
    {
        { "401 is terminal", 401, "", KubeletFailureKind.Unauthorized, false, false },
        { "403 is terminal", 403, "", KubeletFailureKind.Unauthorized, false, false },
        { "404 is terminal", 404, "", KubeletFailureKind.NotFound, false, false },
        { "500 from CRIU is transient and retried", 500, "checkpointing of shop/web-0/app failed (criu failed: type NOTIFY errno 0)", KubeletFailureKind.RuntimeFailed, true, true },
        { "500 saying unimplemented is terminal", 500, "rpc error: code = Unimplemented", KubeletFailureKind.RuntimeFailed, false, false },
        { "500 saying not supported is terminal", 500, "checkpoint is not supported by this runtime", KubeletFailureKind.RuntimeFailed, false, false },
        { "501 is terminal", 501, "", KubeletFailureKind.RuntimeFailed, false, false },
        { "429 is transient and retried", 429, "", KubeletFailureKind.Unavailable, true, true },
        { "502 is transient and retried", 502, "", KubeletFailureKind.Unavailable, true, true },
        { "503 is transient and retried", 503, "", KubeletFailureKind.Unavailable, true, true },
        { "504 is a timeout: transient, not retried", 504, "", KubeletFailureKind.Timeout, true, false },
        { "a redirect is a protocol error", 307, "", KubeletFailureKind.ProtocolError, false, false },
        { "an unknown 4xx is a protocol error", 418, "", KubeletFailureKind.ProtocolError, false, false },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_status_is_classified_once_and_for_all(string because, int status, string body, KubeletFailureKind kind, bool transient, bool retried)
    {
        var failure = KubeletFailures.FromStatus((HttpStatusCode)status, body, Web);

        Assert.True(kind == failure.Kind, because);
        Assert.True(transient == failure.IsTransient, because);
        Assert.True(retried == KubeletPipelines.IsRetried(failure), because);
    }

    public static TheoryData<string, Exception, KubeletFailureKind?> Exceptions => new()
    {
        { "connection refused", new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), KubeletFailureKind.Unavailable },
        { "the server closed without answering", new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), KubeletFailureKind.Unavailable },
        { "a certificate rejected", new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl", new AuthenticationException("rejected")), KubeletFailureKind.Untrusted },
        { "a handshake cut short", new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl", new IOException("reset")), KubeletFailureKind.Unavailable },
        { "an answer that is not HTTP", new HttpRequestException(HttpRequestError.InvalidResponse, "garbage"), KubeletFailureKind.ProtocolError },
        { "a reset while reading the body", new IOException("connection reset by peer"), KubeletFailureKind.Unavailable },
        { "the HttpClient's own timeout", new TaskCanceledException("timeout", new TimeoutException()), KubeletFailureKind.Timeout },
        { "a bug is not a kubelet failure", new InvalidOperationException("bug"), null },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void A_transport_failure_is_classified_and_a_bug_is_not(string because, Exception exception, KubeletFailureKind? kind)
    {
        var failure = KubeletFailures.FromException(exception, Web, CancellationToken.None);

        Assert.True(kind == failure?.Kind, because);
    }

    [Fact]
    public void Cancellation_of_the_attempt_is_never_classified()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(KubeletFailures.FromException(new OperationCanceledException(cancelled.Token), Web, cancelled.Token));
    }

    [Theory]
    [InlineData(KubeletFailureKind.Unauthorized, false)]
    [InlineData(KubeletFailureKind.NotFound, false)]
    [InlineData(KubeletFailureKind.RuntimeFailed, true)]
    [InlineData(KubeletFailureKind.Timeout, true)]
    [InlineData(KubeletFailureKind.Unavailable, true)]
    [InlineData(KubeletFailureKind.Untrusted, false)]
    [InlineData(KubeletFailureKind.ProtocolError, false)]
    public void Each_kind_has_a_default_transience(KubeletFailureKind kind, bool transient)
    {
        Assert.Equal(transient, KubeletCheckpointException.IsTransientByDefault(kind));
        Assert.Equal(transient, new KubeletCheckpointException(kind, Web, "x").IsTransient);
    }
}
