using Interceptor.Checkpoint.Kubelet;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// Answers that will not change on a retry end the call after exactly one request, with the kind
/// that tells the caller what to fix.
/// </summary>
public sealed class TerminalFailureTests : IDisposable
{
    private readonly FakeKubelet _kubelet = new();

    public static TheoryData<string, int, string, KubeletFailureKind, string[]> Cases => new()
    {
        { "401: the token was not accepted", 401, "Unauthorized", KubeletFailureKind.Unauthorized, ["token"] },
        { "403: RBAC lacks nodes/checkpoint", 403, "Forbidden (user=system:serviceaccount:x:agent, verb=create, resource=nodes, subresource=checkpoint)", KubeletFailureKind.Unauthorized, ["nodes/checkpoint"] },
        { "404: the pod is gone or the feature gate is off, and the message says both", 404, "404 page not found", KubeletFailureKind.NotFound, ["pod or container", "ContainerCheckpoint feature gate"] },
        { "500 from a runtime without the CRI call", 500, "checkpointing of shop/web-0/app failed (rpc error: code = Unimplemented desc = unknown method CheckpointContainer)", KubeletFailureKind.RuntimeFailed, ["does not support", "Unimplemented"] },
        { "500 from CRI-O without CRIU support", 500, "checkpointing of shop/web-0/app failed (checkpoint/restore support not available)", KubeletFailureKind.RuntimeFailed, ["does not support"] },
        { "501: not implemented", 501, "", KubeletFailureKind.RuntimeFailed, ["does not implement"] },
        { "404 for an unparsable timeout is our bug, not a missing pod", 404, "cannot parse value of timeout parameter", KubeletFailureKind.ProtocolError, ["timeout parameter"] },
        { "a redirect is not followed", 302, "", KubeletFailureKind.ProtocolError, ["redirect"] },
        { "400: unexpected status", 400, "bad", KubeletFailureKind.ProtocolError, ["unexpected status"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_terminal_answer_is_typed_and_sent_once(string because, int status, string body, KubeletFailureKind kind, string[] messageMentions)
    {
        _kubelet.Answers(status, body);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.True(kind == failure.Kind, because);
        Assert.False(failure.IsTransient, because);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(FakeKubelet.Web, failure.Container);
        Assert.All(messageMentions, phrase => Assert.Contains(phrase, failure.Message, StringComparison.Ordinal));
        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task The_kubelets_message_is_quoted_without_control_characters()
    {
        _kubelet.Answers(500, "checkpointing failed\nFAKE LOG LINE not implemented");

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.DoesNotContain('\n', failure.Message);
        Assert.Contains("checkpointing failed\\u000aFAKE LOG LINE", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("Kubelet checkpoint of shop/web-0/app failed (RuntimeFailed, HTTP 500, terminal): ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_token_file_is_unauthorized_and_nothing_is_sent()
    {
        var options = new KubeletClientOptions { TokenPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "token") };

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client(options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.Equal(KubeletFailureKind.Unauthorized, failure.Kind);
        Assert.Equal(0, _kubelet.Calls);
    }

    [Fact]
    public async Task The_kubelet_http_client_does_not_follow_a_redirect_with_the_token()
    {
        _kubelet.Server
            .Given(Request.Create().WithPath(FakeKubelet.CheckpointPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", "/elsewhere"));
        _kubelet.Server
            .Given(Request.Create().WithPath("/elsewhere"))
            .RespondWith(Response.Create().WithBody(FakeKubelet.Items(FakeKubelet.ArchivePath)));
        var options = _kubelet.ForThisKubelet();

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => new KubeletCheckpointClient(KubeletHttpClient.Create(options), options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5)));

        Assert.Equal(KubeletFailureKind.ProtocolError, failure.Kind);
        Assert.Equal(307, failure.StatusCode);
        Assert.Equal(1, _kubelet.Calls);
    }

    public void Dispose() => _kubelet.Dispose();
}
