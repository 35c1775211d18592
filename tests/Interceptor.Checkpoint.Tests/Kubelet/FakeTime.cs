using Microsoft.Extensions.Time.Testing;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// Runs a call on a <see cref="FakeTimeProvider"/>, advancing it in small steps until the call ends,
/// so retry backoff passes at once. The steps also count toward the call's deadline, so tests that
/// use this give a checkpoint timeout far longer than the real time the call needs.
/// </summary>
internal static class FakeTime
{
    public static readonly TimeSpan LongCheckpointTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    public static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> call)
    {
        while (!call.IsCompleted)
        {
            time.Advance(Step);
            await Task.WhenAny(call, Task.Delay(5));
        }

        return await call;
    }
}
