namespace Interceptor.Tests.Support;

/// <summary>Waits for an asynchronous outcome (a watch delivering, a background write) with a bound, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time" + (because is null ? "" : ": " + because));
            }

            await Task.Delay(10);
        }
    }
}
