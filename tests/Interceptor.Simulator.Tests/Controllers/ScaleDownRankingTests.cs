using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>ActivePodsWithRanks.Less, rule by rule: each row names the pod that must be deleted first.</summary>
public sealed class ScaleDownRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, JsonObject, JsonObject> FirstDeletedBeforeSecond => new()
    {
        { "an unassigned pod goes before an assigned one, even a ready one", Pod(node: ""), Pod(ready: true) },
        { "a Pending pod goes before a Running one", Pod(phase: "Pending"), Pod() },
        { "an Unknown pod goes before a Running one", Pod(phase: "Unknown"), Pod() },
        { "a not-ready pod goes before a ready one whatever their deletion costs", Pod(ready: false, cost: "1000"), Pod(ready: true, cost: "-1000") },
        { "of two ready pods the lower deletion cost goes first", Pod(cost: "-1"), Pod() },
        { "an invalid deletion cost counts as zero", Pod(cost: "cheap"), Pod(cost: "1") },
        { "of equal costs the pod ready for less time goes first", Pod(readyAgo: TimeSpan.FromMinutes(1)), Pod(readyAgo: TimeSpan.FromHours(5)) },
        { "then the pod with more restarts goes first", Pod(restarts: 3), Pod(restarts: 0) },
        { "then the newer pod goes first", Pod(createdAgo: TimeSpan.FromMinutes(1)), Pod(createdAgo: TimeSpan.FromDays(2)) },
    };

    [Theory]
    [MemberData(nameof(FirstDeletedBeforeSecond))]
    public void Deletion_order(string rule, JsonObject first, JsonObject second)
    {
        Assert.True(ScaleDownRanking.Less(new RankedPod(first, 1), new RankedPod(second, 1), Now), rule);
        Assert.False(ScaleDownRanking.Less(new RankedPod(second, 1), new RankedPod(first, 1), Now), rule);
    }

    [Fact]
    public void Pods_doubled_up_on_a_node_go_before_a_pod_alone_on_its_node()
    {
        var alone = Pod(node: "a", uid: "1");
        var crowdedOne = Pod(node: "b", uid: "2");
        var crowdedTwo = Pod(node: "b", uid: "3");

        var doomed = ScaleDownRanking.PodsToDelete([alone, crowdedOne, crowdedTwo], [alone, crowdedOne, crowdedTwo], 1, Now);

        Assert.Equal("b", doomed.Single()["spec"]!["nodeName"]!.GetValue<string>());
    }

    [Fact]
    public void Ready_times_within_the_same_power_of_two_tie_and_the_uid_decides()
    {
        // 40 and 50 minutes ago share floor(log2(age in ns)): LogarithmicScaleDown treats them as the same age.
        var older = Pod(readyAgo: TimeSpan.FromMinutes(50), uid: "a");
        var newer = Pod(readyAgo: TimeSpan.FromMinutes(40), uid: "b");

        Assert.True(ScaleDownRanking.Less(new RankedPod(older, 1), new RankedPod(newer, 1), Now));
    }

    private static JsonObject Pod(
        string node = "n1", string phase = "Running", bool ready = true, string? cost = null, TimeSpan? readyAgo = null,
        int restarts = 0, TimeSpan? createdAgo = null, string uid = "u")
    {
        var readySince = Now - (readyAgo ?? TimeSpan.FromHours(1));
        var metadata = new JsonObject
        {
            ["name"] = $"pod-{uid}",
            ["uid"] = uid,
            ["creationTimestamp"] = Time(Now - (createdAgo ?? TimeSpan.FromHours(2))),
        };
        if (cost is not null)
        {
            metadata["annotations"] = new JsonObject { [ScaleDownRanking.DeletionCostAnnotation] = cost };
        }
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["nodeName"] = node },
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = Time(readySince),
                }),
                ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "app", ["restartCount"] = restarts }),
            },
        };
    }

    private static string Time(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
