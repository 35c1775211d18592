namespace Interceptor.Simulator.Demo;

/// <summary>Waits for an in-process Interceptor's /readyz: before it answers 200, its answers would come from empty caches.</summary>
public static class HealthProbe
{
    public static async Task WaitReadyAsync(Uri health, string who, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = health };
        var readyz = new Uri("/readyz", UriKind.Relative);
        var deadline = DateTime.UtcNow + limit;
        while (!(await client.GetAsync(readyz, cancellationToken).ConfigureAwait(false)).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{who} did not become ready: " + await client.GetStringAsync(readyz, cancellationToken).ConfigureAwait(false));
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
