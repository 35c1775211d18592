using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests.Demo;

public sealed class DrainSummaryTests
{
    private static TimelineRow Row(string pod, PodOutcome outcome, bool evicted = true) =>
        new(pod, "bare pod", TimeSpan.Zero, 1, null, null, evicted ? TimeSpan.FromSeconds(1) : null, null, null, null, null, null, null, null, outcome);

    [Fact]
    public void Outcomes_are_counted_and_the_interceptors_real_decisions_listed_without_dry_runs()
    {
        IReadOnlyList<TimelineRow> rows =
        [
            Row("a", PodOutcome.ColdStart), Row("b", PodOutcome.ColdStart), Row("c", PodOutcome.Lost), Row("d", PodOutcome.Blocked, evicted: false),
        ];
        var decisions = AdmissionDecisionCount.Parse("""
            # HELP interceptor_admission_decisions_total Eviction admission decisions.
            # TYPE interceptor_admission_decisions_total counter
            interceptor_admission_decisions_total{decision="deny",reason="MigrationInProgress",dry_run="false"} 54
            interceptor_admission_decisions_total{decision="allow",reason="NotOptedIn",dry_run="false"} 1
            interceptor_admission_decisions_total{decision="deny",reason="MigrationStarted",dry_run="true"} 2
            interceptor_admission_duration_seconds_count{decision="allow"} 1
            """);

        var summary = DrainSummary.From(rows, new DrainResult(["global timeout reached"], TimeSpan.FromSeconds(16.94)), decisions);

        Assert.Equal(new DrainSummary(3, 0, 2, 1, 1, 0, 0, false, TimeSpan.FromSeconds(16.94), decisions), summary);
        Assert.Equal(3, decisions.Count);
        var text = summary.Format();
        Assert.Contains("drain: did not finish (global timeout) after 16.9s", text);
        Assert.Equal(["  allow NotOptedIn             1", "  deny  MigrationInProgress    54"], text.SkipWhile(l => !l.StartsWith("interceptor decisions", StringComparison.Ordinal)).Skip(1));
    }

    [Fact]
    public void The_timeline_shows_a_dash_not_a_number_for_the_steps_nobody_performs_yet()
    {
        var row = new TimelineRow("cache-0", "StatefulSet cache", TimeSpan.FromSeconds(2.5), 10, "cache-0-1d245291", "(none)", TimeSpan.FromSeconds(13.4), null, 1160,
            "cache-0", "node-2", TimeSpan.FromSeconds(13.5), TimeSpan.FromSeconds(0.1), 0, PodOutcome.ColdStart);

        var lines = TimelineReport.Format([row]);

        Assert.Equal(
            ["cache-0", "StatefulSet", "cache", "2.500s", "10", "cache-0-1d245291", "(none)", "13.400s", "1160", "-", "-", "-", "cache-0", "node-2", "13.500s", "0.100s", "0"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("* checkpoint, transfer and restore are the migration controller's steps; it is not built yet", lines[2], StringComparison.Ordinal);
        Assert.Equal("  cache-0: evicted, replacement started cold", lines[^1]);
    }
}
