using System.Globalization;
using System.Text.RegularExpressions;
using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// The README's main command runs end to end: real Interceptor (webhook and migration controller), a real agent per
/// simulated node, the embedded registry, simulated controllers, kubectl's drain logic. The Deployment's pod and both
/// bare pods move live (their replacements continue the counter); the StatefulSet's pod is not supported yet, so its
/// migration fails and it is evicted and restarts cold; the pod that did not opt in is simply evicted.
/// </summary>
public sealed class SimulateCommandTests
{
    private const string Webhook = "admission webhook \"eviction.interceptor.dev\" denied the request: ";

    private static readonly SimulateSettings Small = SimulateSettings.Default with
    {
        Nodes = 2,
        Pods = 4,
        RetryInterval = TimeSpan.FromMilliseconds(500),
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Simulate_moves_the_Deployment_and_bare_pods_live_and_evicts_the_StatefulSet_pod_cold()
    {
        using var output = new StringWriter();

        var exit = await SimulateCommand.RunAsync(output, Small);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(0, exit);
        // Without --registry the embedded registry starts over TLS.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"OCI registry https://127\.0\.0\.1:\d+/ \(embedded, TLS from a throwaway CA, blobs in a temp directory\): GET /v2/ 200, registry/2\.0"));
        Assert.Contains(lines, l => l.EndsWith("node/node-1 cordoned", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Warning: deleting Pods that declare no controller: shop/notebook, shop/trainer; ignoring DaemonSet-managed Pods: shop/log-agent-node-1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"error when evicting pods/\"notebook\" -n \"shop\" (will retry after 500ms): {Webhook}Eviction triggered evacuation of pod shop/notebook", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("pod/cache-0 evicted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("node/node-1 drained", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith("pod/log-agent-node-1 evicted", StringComparison.Ordinal));

        // Timeline: the StatefulSet's pod came back cold (counter 0) on node-2; the others restored there, counting on.
        // The webhook lets a StatefulSet pod's eviction through at once (UnsupportedOwner): no PodMigration, a cold start.
        Assert.Matches(@"\s cache-0\s+StatefulSet cache\s+\S+\s+0\s+-\s+-\s+\S+s\s+[1-9]\d*\s+-\s+-\s+-\s+cache-0\s+node-\d\s+\S+s\s+\S+s\s+0$", Row(lines, "cache-0"));
        foreach (var pod in new[] { "notebook", "trainer", "sessions-" })
        {
            var row = Row(lines, pod);
            var match = Regex.Match(row, @"\sSucceeded\s+-\s+(?<counter>\d+)\s+\d+\.\d{3}s\s+\d+\.\d{3}s\s+\d+\.\d{3}s\s+\S+-m1-\w+\s+node-2\s+\S+s\s+\d+\.\d{3}s\s+(?<start>\d+)$");
            Assert.True(match.Success, row);
            Assert.True(Number(match, "start") >= Number(match, "counter") && Number(match, "start") > 0, row);
        }

        Assert.Contains(lines, l => l.Contains("cache-0: evicted, replacement started cold: pods of a StatefulSet are not migrated live yet", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("migrated live:                 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("evicted with a cold start:     2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lost (bare pods):              0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("blocked by onFailure: Block:     0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("drain: node drained after", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("allow UnsupportedOwner       1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("allow NotOptedIn             1", StringComparison.Ordinal));
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>The pod's row of the timeline table: the lines between its header and its footnote.</summary>
    private static string Row(string[] lines, string pod)
    {
        var table = lines.SkipWhile(l => !l.Contains("   POD   ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.Contains("CHECKPOINT, TRANSFER", StringComparison.Ordinal));
        return Assert.Single(table, l => l.Contains($"s]   {pod}", StringComparison.Ordinal));
    }
}
