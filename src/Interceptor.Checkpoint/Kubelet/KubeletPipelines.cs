using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// The one resilience pipeline of the kubelet edge (STYLE lesson 8): an overall deadline around
/// bounded retries. Outer: a timeout of the checkpoint timeout plus
/// <see cref="KubeletClientOptions.TimeoutMargin"/>, for all attempts and backoff together, so a
/// call never outlives the budget the migration gave it. Inner: up to
/// <see cref="KubeletClientOptions.MaxAttempts"/> attempts, exponential backoff with jitter, timed
/// by the given <see cref="TimeProvider"/>.
/// </summary>
public static class KubeletPipelines
{
    /// <summary>The deadline of one call, set per call because it depends on its checkpoint timeout.</summary>
    internal static readonly ResiliencePropertyKey<TimeSpan> Deadline = new("Interceptor.Kubelet.Deadline");

    public static ResiliencePipeline Create(KubeletClientOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder { Name = "kubelet-checkpoint", TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = static args => ValueTask.FromResult(args.Context.Properties.GetValue(Deadline, TimeSpan.FromMinutes(2))),
        });
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is KubeletCheckpointException failure && IsRetried(failure)),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// Whether the client retries a failure itself. A checkpoint POST is not idempotent: every call
    /// that reaches the runtime dumps the container again and writes a new archive. So:
    /// <list type="bullet">
    /// <item>Terminal kinds: never; the answer will be the same.</item>
    /// <item>Unavailable (refused, reset, 429/502/503) and a transient RuntimeFailed (500): yes.
    /// Each ended the attempt: either the kubelet never started a checkpoint, or the runtime
    /// reported that its dump failed. No dump of that attempt is still running, so a retry cannot
    /// run two dumps of one container at once; an archive a failed attempt may have left is an
    /// orphan that the agent's cleanup removes (it deletes archives it did not use; the kubelet
    /// has no GC), and <see cref="KubeletCheckpoint.Attempts"/> tells the caller to expect one.</item>
    /// <item>Timeout (including 504): no. The runtime may still be dumping, freezing the process
    /// while it does; a second request would freeze it again and race the first for disk, and the
    /// overall deadline is spent anyway. The caller may try again later with a fresh budget
    /// (the kind is transient), after the first dump has ended.</item>
    /// </list>
    /// Caller cancellation is never retried: it is not a <see cref="KubeletCheckpointException"/>.
    /// </summary>
    public static bool IsRetried(KubeletCheckpointException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsTransient && failure.Kind != KubeletFailureKind.Timeout;
    }
}
