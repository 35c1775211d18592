using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// The resilience pipeline of the registry edge (STYLE lesson 8): bounded retries around a per-attempt
/// timeout. Every request the client sends is safe to repeat: HEAD/GET/DELETE and the manifest PUT are
/// idempotent, a repeated POST only opens another upload session, and a chunk PATCH is replayed from
/// memory with the same Content-Range (if the registry had already taken it, it answers 416, which
/// is <see cref="RegistryFailureKind.UploadLost"/>, not retried).
/// </summary>
public static class RegistryPipelines
{
    public static ResiliencePipeline Create(RegistryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder { Name = "registry", TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(IsRetried(args.Outcome.Exception)),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Unavailable, Timeout and an attempt that ran out of time are retried; nothing else.</summary>
    public static bool IsRetried(Exception? exception) => exception switch
    {
        TimeoutRejectedException => true,
        RegistryException failure => failure.Kind is RegistryFailureKind.Unavailable or RegistryFailureKind.Timeout,
        _ => false,
    };
}
