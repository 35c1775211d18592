using System.Net;
using System.Net.Sockets;
using Interceptor.Checkpoint.Kubelet;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// Retries happen only where they belong: on failures that ended the attempt (unavailable, a
/// transient runtime failure), at most <see cref="KubeletClientOptions.MaxAttempts"/> times, with
/// backoff on the injected clock, and never after the caller cancelled.
/// </summary>
public sealed class RetryTests : IDisposable
{
    private const string TransientRuntimeFailure =
        "checkpointing of shop/web-0/app failed (running \"criu\" failed: dump failed: Resource temporarily unavailable)";

    private readonly FakeKubelet _kubelet = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_transient_500_then_a_200_succeeds_on_the_second_attempt()
    {
        _kubelet.AnswersInOrder((500, TransientRuntimeFailure), (200, FakeKubelet.Items(FakeKubelet.ArchivePath)));

        var checkpoint = await FakeTime.DriveAsync(_time,
            _kubelet.Client(time: _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout));

        Assert.Equal(FakeKubelet.ArchivePath, checkpoint.ArchivePath);
        Assert.Equal(2, checkpoint.Attempts);
        Assert.Equal(2, _kubelet.Calls);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task An_unavailable_kubelet_is_tried_exactly_the_bounded_number_of_times(int status)
    {
        _kubelet.Answers(status, "the server is shutting down");

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() => FakeTime.DriveAsync(_time,
            _kubelet.Client(time: _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout)));

        Assert.Equal(KubeletFailureKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Equal(KubeletClientOptions.Default.MaxAttempts, _kubelet.Calls);
    }

    [Fact]
    public async Task A_transient_runtime_failure_every_time_ends_as_runtime_failed_after_the_bounded_attempts()
    {
        _kubelet.Answers(500, TransientRuntimeFailure);
        var options = new KubeletClientOptions { TokenPath = null, MaxAttempts = 4 };

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() => FakeTime.DriveAsync(_time,
            _kubelet.Client(options, _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout)));

        Assert.Equal(KubeletFailureKind.RuntimeFailed, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Equal(4, _kubelet.Calls);
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        _kubelet.Answers(503, "");
        var options = new KubeletClientOptions { TokenPath = null, MaxAttempts = 1 };

        await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client(options, _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout));

        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task Backoff_waits_on_the_injected_clock()
    {
        _kubelet.AnswersInOrder((503, ""), (200, FakeKubelet.Items(FakeKubelet.ArchivePath)));

        var call = _kubelet.Client(time: _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout);
        await WaitForCallsAsync(1);
        // Real time passes, fake time does not: the retry waits for the fake clock.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, _kubelet.Calls);
        Assert.False(call.IsCompleted);

        var checkpoint = await FakeTime.DriveAsync(_time, call);
        Assert.Equal(2, checkpoint.Attempts);
    }

    [Fact]
    public async Task Cancelling_during_backoff_surfaces_as_cancellation_and_sends_nothing_more()
    {
        _kubelet.Answers(503, "");
        using var cancellation = new CancellationTokenSource();

        var call = _kubelet.Client(time: _time).CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout, cancellation.Token);
        await WaitForCallsAsync(1);
        await cancellation.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task A_reset_connection_is_unavailable_and_retried_up_to_the_bound()
    {
        await using var kubelet = RawKubelet.Resetting();
        var client = new KubeletCheckpointClient(new HttpClient(), new KubeletClientOptions { TokenPath = null, BaseAddress = kubelet.Address }, _time);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => FakeTime.DriveAsync(_time, client.CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout)));

        Assert.Equal(KubeletFailureKind.Unavailable, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.Equal(KubeletClientOptions.Default.MaxAttempts, kubelet.Connections);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable_and_transient()
    {
        var client = new KubeletCheckpointClient(new HttpClient(), new KubeletClientOptions { TokenPath = null, BaseAddress = ClosedPort() }, _time);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => FakeTime.DriveAsync(_time, client.CheckpointAsync(FakeKubelet.Web, FakeTime.LongCheckpointTimeout)));

        Assert.Equal(KubeletFailureKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task A_deadline_that_falls_in_a_backoff_is_a_timeout_naming_the_last_failure()
    {
        _kubelet.Answers(503, "overloaded");
        var options = new KubeletClientOptions { TokenPath = null, TimeoutMargin = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMinutes(1), RetryMaxDelay = TimeSpan.FromMinutes(1) };

        var call = _kubelet.Client(options, _time).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));
        // Fake time stands still until the first answer has surely been classified and the backoff begun.
        await WaitForCallsAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() => FakeTime.DriveAsync(_time, call));

        Assert.Equal(KubeletFailureKind.Timeout, failure.Kind);
        Assert.Contains("after 1 attempt(s)", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("Unavailable", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _kubelet.Calls);
    }

    public void Dispose() => _kubelet.Dispose();

    // A port that was free a moment ago and has no listener now.
    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task WaitForCallsAsync(int calls)
    {
        for (var i = 0; i < 1000 && _kubelet.Calls < calls; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(calls, _kubelet.Calls);
    }
}
