using System.Text.Json.Nodes;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Store;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>The API server's graceful-deletion decision for pods, as a table.</summary>
public sealed class GracefulPodDeletionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?, long?, long?, string?, long?> Cases => new()
    {
        // sentence, node, options grace, spec grace, phase, expected deletionGracePeriodSeconds (null: removed at once)
        { "a scheduled pod without options gets the default 30 s", "node-a", null, null, "Running", 30 },
        { "the pod's terminationGracePeriodSeconds applies without options", "node-a", null, 7, "Running", 7 },
        { "DeleteOptions.gracePeriodSeconds wins over the spec", "node-a", 2, 7, "Running", 2 },
        { "a grace period of 0 removes at once", "node-a", 0, 7, "Running", null },
        { "a negative grace period becomes 1 s", "node-a", -5, null, "Running", 1 },
        { "an unscheduled pod is removed at once", null, 10, null, "Pending", null },
        { "a terminal pod is removed at once", "node-a", 10, null, "Succeeded", null },
        { "a pod on a node nobody simulates is removed at once", "node-z", 10, null, "Running", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string sentence, string? node, long? optionsGrace, long? specGrace, string? phase, long? expectedGrace)
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["terminationGracePeriodSeconds"] = specGrace },
            ["status"] = new JsonObject { ["phase"] = phase },
        };
        var options = optionsGrace is { } g ? new JsonObject { ["gracePeriodSeconds"] = g } : null;

        var decision = GracefulPodDeletion.Decide(pod, options, Now, n => n == "node-a");

        if (expectedGrace is null)
        {
            Assert.True(decision == DeletionDecision.RemoveNow, sentence);
            return;
        }
        Assert.True(decision != DeletionDecision.RemoveNow, sentence);
        Assert.Equal(expectedGrace.Value, pod["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(CreateDefaults.Rfc3339(Now.AddSeconds(expectedGrace.Value)), pod["metadata"]!["deletionTimestamp"]!.GetValue<string>());
    }
}
