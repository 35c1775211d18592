namespace Interceptor.Simulator.Controllers;

/// <summary>
/// controller_utils.go slowStartBatch: creations in batches of 1, 2, 4 ... run in parallel within a batch, and
/// stop after the first batch with a failure, so a webhook or quota that refuses every pod costs one call, not hundreds.
/// </summary>
internal static class SlowStart
{
    public static async Task CreateAsync(int count, Func<Task> create)
    {
        var remaining = count;
        for (var batch = 1; remaining > 0; batch *= 2)
        {
            var size = Math.Min(batch, remaining);
            var attempts = Enumerable.Range(0, size).Select(_ => create()).ToList();
            try
            {
                await Task.WhenAll(attempts);
            }
            catch (Exception) when (attempts.Any(a => a.IsFaulted))
            {
                // Rethrow the first failure as it was thrown, so the sync backs off and retries.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(attempts.First(a => a.IsFaulted).Exception!.InnerException!).Throw();
            }
            remaining -= size;
        }
    }
}
