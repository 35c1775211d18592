using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The README's main command runs end to end and shows the eviction protocol.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_shows_opted_in_pods_denied_with_429_and_the_rest_allowed()
    {
        using var output = new StringWriter();

        var exit = await SimulateCommand.RunAsync(output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("error when evicting pods/\"cache-0\" -n \"shop\" (will retry after 5s): admission webhook \"eviction.interceptor.dev\" denied the request: Eviction triggered evacuation", text, StringComparison.Ordinal);
        Assert.Contains("pod/web-7d9f4-8hj2m evicted", text, StringComparison.Ordinal);
        Assert.Contains("2 pod(s) wait for their live migration", text, StringComparison.Ordinal);
        Assert.Contains("PodMigrations after the dry run: 0", text, StringComparison.Ordinal);
        Assert.Contains("PodMigrations (2):", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"MigrationInProgress\"", text, StringComparison.Ordinal);
    }
}
