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
    public void The_timeline_shows_a_live_migrations_phases_and_a_dash_not_a_number_for_a_pod_that_was_not_migrated()
    {
        var live = new TimelineRow("notebook", "bare pod", TimeSpan.FromSeconds(2.2), 2, "notebook-3d0cf893", "Succeeded", null, "moved", 82,
            "notebook-m1-2dm2n", "node-2", TimeSpan.FromSeconds(3.364), TimeSpan.FromSeconds(0.275), 172, PodOutcome.MigratedLive,
            TimeSpan.FromSeconds(0.096), TimeSpan.FromSeconds(0.011), TimeSpan.FromSeconds(0.166));
        var cold = new TimelineRow("cache-0", "StatefulSet cache", TimeSpan.FromSeconds(2.5), 1, "cache-0-1d245291", "Failed", TimeSpan.FromSeconds(3.4), null, 192,
            "cache-0", "node-3", TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(0.1), 0, PodOutcome.ColdStart);

        var lines = TimelineReport.Format([live, cold]);

        Assert.Equal(
            ["cache-0", "StatefulSet", "cache", "2.500s", "1", "cache-0-1d245291", "Failed", "3.400s", "192", "-", "-", "-", "cache-0", "node-3", "3.500s", "0.100s", "0"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            ["notebook", "bare", "pod", "2.200s", "2", "notebook-3d0cf893", "Succeeded", "-", "82", "0.096s", "0.011s", "0.166s", "notebook-m1-2dm2n", "node-2", "3.364s", "0.275s", "172"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("CHECKPOINT, TRANSFER, RESTORE: time in each phase of the pod's PodMigration (status.phaseHistory)", lines[3], StringComparison.Ordinal);
        Assert.Equal(["  notebook: migrated live: moved", "  cache-0: evicted, replacement started cold"], lines.TakeLast(2));
    }
}
