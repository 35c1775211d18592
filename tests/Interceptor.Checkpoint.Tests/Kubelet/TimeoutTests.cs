using Interceptor.Checkpoint.Kubelet;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// A call ends at the checkpoint timeout plus the margin, whether the kubelet is silent, answers
/// late, or trickles its body; it ends as a transient Timeout that the client does not retry (the
/// runtime may still be dumping). These run on real time with a 1 s timeout and a 0.5 s margin;
/// they assert only generous bounds on durations.
/// </summary>
public sealed class TimeoutTests : IDisposable
{
    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static readonly KubeletClientOptions ShortMargin =
        new() { TokenPath = null, TimeoutMargin = TimeSpan.FromMilliseconds(500) };

    private readonly FakeKubelet _kubelet = new();

    [Fact]
    public async Task An_answer_later_than_the_deadline_is_a_timeout_that_is_not_retried()
    {
        _kubelet.Answers(200, FakeKubelet.Items(FakeKubelet.ArchivePath), delay: TimeSpan.FromSeconds(4));

        var failure = await TimedAsync(_kubelet.Client(ShortMargin).CheckpointAsync(FakeKubelet.Web, CheckpointTimeout));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.False(KubeletPipelines.IsRetried(failure));
        Assert.Contains("1.5 s", failure.Detail, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_deadline_is_a_timeout()
    {
        await using var kubelet = RawKubelet.TricklingBody(TimeSpan.FromMilliseconds(200));
        var client = new KubeletCheckpointClient(new HttpClient(), ShortMargin with { BaseAddress = kubelet.Address });

        var failure = await TimedAsync(client.CheckpointAsync(FakeKubelet.Web, CheckpointTimeout));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
        Assert.Equal(1, kubelet.Connections);
    }

    [Fact]
    public async Task A_wiremock_body_streamed_slower_than_the_deadline_is_a_timeout()
    {
        _kubelet.Server
            .Given(Request.Create().WithPath(FakeKubelet.CheckpointPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithSseBody(
                async (_, body) =>
                {
                    body.Write("{\"items\": [");
                    await Task.Delay(TimeSpan.FromSeconds(4));
                    body.Write("\"" + FakeKubelet.ArchivePath + "\"]}");
                    body.Close();
                },
                TimeSpan.FromSeconds(10)));

        var failure = await TimedAsync(_kubelet.Client(ShortMargin).CheckpointAsync(FakeKubelet.Web, CheckpointTimeout));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task A_gateway_timeout_is_a_timeout_sent_once()
    {
        _kubelet.Answers(504, "upstream timed out");

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client(ShortMargin).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
        Assert.Equal(504, failure.StatusCode);
        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task A_callers_httpclient_timeout_is_a_timeout_too()
    {
        _kubelet.Answers(200, FakeKubelet.Items(FakeKubelet.ArchivePath), delay: TimeSpan.FromSeconds(4));
        var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var client = new KubeletCheckpointClient(http, _kubelet.ForThisKubelet());

        var failure = await TimedAsync(client.CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
        Assert.Contains("HttpClient", failure.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _kubelet.Dispose();

    private static async Task<KubeletCheckpointException> TimedAsync(Task<KubeletCheckpoint> call)
    {
        var started = TimeProvider.System.GetTimestamp();
        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() => call);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, Generous);
        return failure;
    }
}
