using System.Text.Json.Nodes;
using Interceptor.Simulator.Nodes;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>The pure status decision, at chosen instants: no server, no clock.</summary>
public sealed class PodStatusPlannerTests
{
    private static readonly DateTimeOffset Admitted = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly PodRuntime Runtime = new("uid-1", Admitted, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1),
        "10.244.1.2", [new ContainerRuntime("app", "app:1", "cri-o://abc", "app@sha256:def", 0, false)]);

    public static TheoryData<string, double, string?, string, string, string?> Moments => new()
    {
        // sentence, seconds after admission, deletionTimestamp offset (s), phase, Ready, container state
        { "before the containers start the pod is Pending, ContainerCreating", 1, null, "Pending", "False", "waiting" },
        { "once started it is Running but not Ready", 2.5, null, "Running", "False", "running" },
        { "once the probes pass it is Running and Ready", 6, null, "Running", "True", "running" },
        { "while the process exits on SIGTERM it keeps running", 6.5, "36", "Running", "True", "running" },
        { "after the process exited it is Succeeded", 8, "36", "Succeeded", "False", "terminated" },
        { "a process still running at the end of a short grace period is killed: Failed", 8, "6.5", "Failed", "False", "terminated" },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void Plans_the_status(string sentence, double seconds, string? deletedAt, string phase, string ready, string? state)
    {
        var now = Admitted.AddSeconds(seconds);
        var pod = Pod(deletedAt is null ? null : Admitted.AddSeconds(double.Parse(deletedAt, System.Globalization.CultureInfo.InvariantCulture)));
        var runtime = deletedAt is null ? Runtime : Runtime with { KillRequestedAt = Admitted.AddSeconds(6) };

        var plan = PodStatusPlanner.Plan(pod, runtime, "10.0.0.3", now);

        Assert.True(phase == plan.Status["phase"]!.GetValue<string>(), sentence);
        Assert.Equal(ready, Condition(plan.Status, "Ready"));
        Assert.True(plan.Status["containerStatuses"]![0]!["state"]!.AsObject().ContainsKey(state!), sentence);
        Assert.Equal(phase is "Succeeded" or "Failed", plan.Remove);
    }

    [Fact]
    public void The_next_wake_up_is_the_next_change_the_pod_makes_by_itself()
    {
        Assert.Equal(Admitted.AddSeconds(2), PodStatusPlanner.Plan(Pod(null), Runtime, "10.0.0.3", Admitted).WakeAt);
        Assert.Equal(Admitted.AddSeconds(5), PodStatusPlanner.Plan(Pod(null), Runtime, "10.0.0.3", Admitted.AddSeconds(2)).WakeAt);
        Assert.Null(PodStatusPlanner.Plan(Pod(null), Runtime, "10.0.0.3", Admitted.AddSeconds(5)).WakeAt);
    }

    [Fact]
    public void A_condition_whose_status_did_not_change_keeps_its_transition_time_and_foreign_conditions_are_kept()
    {
        var pod = Pod(null);
        pod["status"]!["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "Initialized", ["status"] = "True", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" },
            new JsonObject { ["type"] = "interceptor.dev/serving", ["status"] = "True" });

        var conditions = PodStatusPlanner.Plan(pod, Runtime, "10.0.0.3", Admitted.AddSeconds(6)).Status["conditions"]!.AsArray();

        Assert.Equal("2026-01-01T00:00:00Z", conditions.Single(c => c!["type"]!.GetValue<string>() == "Initialized")!["lastTransitionTime"]!.GetValue<string>());
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "interceptor.dev/serving");
    }

    [Fact]
    public void A_restored_counter_continues_from_the_checkpointed_value_and_stops_when_the_process_stops()
    {
        var start = Admitted.AddSeconds(2);
        var counter = new ProcessCounter(1000, true, start, start.AddSeconds(1), TimeSpan.FromMilliseconds(10));

        Assert.Equal(1000, counter.ValueAt(Admitted));
        Assert.Equal(1050, counter.ValueAt(start.AddMilliseconds(500)));
        Assert.Equal(1100, counter.ValueAt(start.AddSeconds(30)));
    }

    private static JsonObject Pod(DateTimeOffset? deletionTimestamp)
    {
        var meta = new JsonObject { ["name"] = "web", ["namespace"] = "default", ["uid"] = "uid-1" };
        if (deletionTimestamp is { } d)
        {
            meta["deletionTimestamp"] = d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            meta["deletionGracePeriodSeconds"] = 30;
        }
        return new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["nodeName"] = "node-a", ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1" }) },
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }

    private static string? Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!["status"]!.GetValue<string>();
}
