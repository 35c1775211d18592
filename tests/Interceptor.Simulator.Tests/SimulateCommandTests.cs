using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// The README's main command runs end to end: real Interceptor, simulated nodes and controllers, kubectl's drain
/// logic. Without the migration controller, every opted-in pod is denied with 429 until the pickup timeout; then
/// onFailure: Evict pods restart cold on other nodes and the Block pod holds the drain until its timeout.
/// </summary>
public sealed class SimulateCommandTests
{
    private const string Webhook = "admission webhook \"eviction.interceptor.dev\" denied the request: ";

    private static readonly SimulateSettings Small = SimulateSettings.Default with
    {
        Nodes = 2,
        Pods = 4,
        RetryInterval = TimeSpan.FromMilliseconds(500),
        Timeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task Simulate_drains_with_429s_then_cold_starts_on_the_other_node_while_the_Block_pod_holds_the_drain()
    {
        using var output = new StringWriter();

        var exit = await SimulateCommand.RunAsync(output, Small);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(0, exit);
        // Without --registry the embedded registry starts over TLS.
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"OCI registry https://127\.0\.0\.1:\d+/ \(embedded, TLS from a throwaway CA, blobs in a temp directory\): GET /v2/ 200, registry/2\.0"));
        Assert.Contains(lines, l => l.EndsWith("node/node-1 cordoned", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Warning: deleting Pods that declare no controller: shop/notebook, shop/trainer; ignoring DaemonSet-managed Pods: shop/log-agent-node-1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"error when evicting pods/\"cache-0\" -n \"shop\" (will retry after 500ms): {Webhook}Eviction triggered evacuation of pod shop/cache-0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"error when evicting pods/\"trainer\" -n \"shop\" (will retry after 500ms): {Webhook}Eviction blocked: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("pod/cache-0 evicted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error when evicting pods/\"trainer\" -n \"shop\": global timeout reached: 15s", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith("pod/log-agent-node-1 evicted", StringComparison.Ordinal));

        // Timeline: the StatefulSet's pod came back cold (counter 0) on node-2; the bare Evict pod is gone for good.
        Assert.Matches(@"\s cache-0\s+StatefulSet cache\s+\S+\s+\d+\s+cache-0-\w+\s+\(none\)\s+\S+\s+[1-9]\d*\s+-\s+-\s+-\s+cache-0\s+node-2\s+\S+s\s+\S+s\s+0$", Row(lines, "cache-0"));
        Assert.Matches(@"\s notebook\s+bare pod\s+.*\s-\s+-\s+-\s+-\s+-$", Row(lines, "notebook"));
        Assert.Matches(@"\s trainer\s+bare pod\s+\S+\s+\d+\s+trainer-\w+\s+\(none\)\s+-\s", Row(lines, "trainer"));
        Assert.Contains(lines, l => l.Contains("trainer: still on the node, held by onFailure: Block", StringComparison.Ordinal));

        Assert.Contains(lines, l => l.Contains("migrated live:                 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("evicted with a cold start:     3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lost (bare pods):              1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("blocked by onFailure: Block:     1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("did not finish (global timeout)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("allow MigrationNotPickedUp   3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("allow NotOptedIn             1", StringComparison.Ordinal));
    }

    /// <summary>The pod's row of the timeline table: the lines between its header and its footnote.</summary>
    private static string Row(string[] lines, string pod)
    {
        var table = lines.SkipWhile(l => !l.Contains("   POD   ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.Contains("* checkpoint", StringComparison.Ordinal));
        return Assert.Single(table, l => l.Contains($"s]   {pod} ", StringComparison.Ordinal));
    }
}
