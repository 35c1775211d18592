using System.Globalization;
using System.Text;

namespace Interceptor.Bench.Migration;

/// <summary>The Markdown report: goals first, then where the time goes, then every round. Medians are over rounds.</summary>
public static class MigrationReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The issue's goals: overhead p50 for one migration, overhead p99 at 20 at once, drain of 20 pods.</summary>
    private const double SingleP50GoalMs = 100;
    private const double ConcurrentP99GoalMs = 250;
    private const int ConcurrentGoalSize = 20;
    private const double DrainGoalRatio = 1.2;
    private const int DrainGoalPods = 20;

    public static string Render(MigrationBenchOptions options, IReadOnlyList<string> preamble, IReadOnlyList<DowntimeRound> downtime, IReadOnlyList<DrainRound> drains)
    {
        var text = new StringBuilder();
        text.AppendLine("# Live migration benchmark").AppendLine();
        foreach (var line in preamble)
        {
            text.Append("- ").AppendLine(line);
        }

        if (downtime.Count > 0)
        {
            DowntimeTable(text, downtime);
            DowntimeBreakdown(text, downtime);
            RequestRoutes(text, downtime);
        }

        if (drains.Count > 0)
        {
            DrainTable(text, options, drains);
            DrainBreakdown(text, drains);
        }

        ReportFile.AppendVoidRuns(text, [.. downtime.Where(r => r.IsVoid).Select(Line), .. drains.Where(d => d.IsVoid).Select(Line)],
            "Every migration of every reported round succeeded.", line => line);
        EveryRound(text, downtime, drains);
        return text.ToString();
    }

    private static void DowntimeTable(StringBuilder text, IReadOnlyList<DowntimeRound> rounds)
    {
        text.AppendLine().AppendLine("## Controller overhead on downtime").AppendLine();
        text.AppendLine("Controller downtime is `status.downtimeSeconds` (source off traffic to replacement seen Ready). Baseline: the same pods, "
            + "nodes and targets, moved by a direct script (kubelet checkpoint, registry push, pod create, watch until Ready), from the checkpoint call "
            + "to the pod seen Ready. Overhead = controller percentile - baseline percentile of the same size and round; x baseline = ratio of the p50s. "
            + "Each figure is the median over rounds. Goals: overhead p50 < 100 ms for one migration, p99 < 250 ms at 20 at once.").AppendLine();
        var table = new MarkdownTable(text, "at once", "downtime p50 ms", "downtime p99 ms", "baseline p50 ms", "baseline p99 ms",
            "overhead p50 ms", "overhead p99 ms", "x baseline", "others CPU %", "goal:");
        foreach (var size in rounds.Select(r => r.Size).Distinct().Order())
        {
            var pairs = Pairs(rounds, size);
            var overheadP50 = Median(pairs, p => p.Controller.P50 - p.Direct.P50);
            var overheadP99 = Median(pairs, p => p.Controller.P99 - p.Direct.P99);
            table.Row(size, Ms(Median(pairs, p => p.Controller.P50)), Ms(Median(pairs, p => p.Controller.P99)), Ms(Median(pairs, p => p.Direct.P50)),
                Ms(Median(pairs, p => p.Direct.P99)), Ms(overheadP50), Ms(overheadP99), Median(pairs, p => p.Controller.P50 / p.Direct.P50).ToString("0.00", C),
                Percent(Statistics.Median(rounds.Where(r => r.Size == size), r => r.OthersCpuShare)), DowntimeGoal(size, overheadP50, overheadP99));
        }
    }

    private static string DowntimeGoal(int size, double overheadP50, double overheadP99) => size switch
    {
        1 => $"p50 < {SingleP50GoalMs:0} ms: {Verdict(overheadP50 < SingleP50GoalMs)}",
        ConcurrentGoalSize => $"p99 < {ConcurrentP99GoalMs:0} ms: {Verdict(overheadP99 < ConcurrentP99GoalMs)}",
        _ => "",
    };

    /// <summary>Medians over every successful migration of a size (all rounds pooled), step by step, for both kinds.</summary>
    private static void DowntimeBreakdown(StringBuilder text, IReadOnlyList<DowntimeRound> rounds)
    {
        text.AppendLine().AppendLine("### Where the downtime goes (median per migration, ms)").AppendLine();
        text.AppendLine("Controller, from the status: **off → Checkpointing** (traffic off to the controller entering Checkpointing), **agent** (Checkpointing "
            + "to the agent's Checkpointed condition: pick-up, kubelet dump, push, status writes), **notice** (that condition to Transferring: the controller "
            + "seeing it), **verify + create** (Transferring to Restoring), **restore → Ready** (Restoring to the commit: restore, readiness, serving gate, "
            + "the controller seeing Ready). Baseline: **checkpoint** (kubelet call), **push**, **create**, **create → seen Ready**. "
            + "**API requests / migration**: reads + writes to the API server during the round (controller, agents, kubelets, webhooks; watches "
            + "left out) per migration, in brackets the LISTs of every pod in the cluster.").AppendLine();
        var table = new MarkdownTable(text, ["at once", .. StepColumns, "downtime", "API requests / migration", "baseline checkpoint", "push", "create",
            "create → seen Ready", "baseline total", "baseline API requests / migration"]);
        foreach (var size in rounds.Select(r => r.Size).Distinct().Order())
        {
            var controller = rounds.Where(r => r.Size == size).SelectMany(r => r.Controller).Where(s => s.Succeeded).ToList();
            var direct = rounds.Where(r => r.Size == size).SelectMany(r => r.Direct).ToList();
            table.Row([size, .. StepCells(controller), Ms(Statistics.Median(controller, s => s.DowntimeMs)), Requests(rounds, size, DowntimeRound.ControllerKind),
                Ms(Statistics.Median(direct, s => s.CheckpointMs)), Ms(Statistics.Median(direct, s => s.PushMs)), Ms(Statistics.Median(direct, s => s.CreateMs)),
                Ms(Statistics.Median(direct, s => s.RestoreMs)), Ms(Statistics.Median(direct, s => s.TotalMs)), Requests(rounds, size, DowntimeRound.DirectKind)]);
        }
    }

    private static void DrainTable(StringBuilder text, MigrationBenchOptions options, IReadOnlyList<DrainRound> drains)
    {
        var single = Statistics.Median(drains.Where(d => d.Pods == 1 && !d.IsVoid), d => d.MakespanMs);
        var wave = Statistics.Median(drains.Where(d => d.Pods == options.DrainLimit && !d.IsVoid), d => d.MakespanMs);
        text.AppendLine().AppendLine($"## Drain under MaxConcurrentPerNode {options.DrainLimit}").AppendLine();
        text.Append(C, $"kubectl drain as pkg/drain does it (cordon, evict every pod at once, retry each 429 after {options.DrainRetry.TotalSeconds:0.##} s), ");
        text.Append(C, $"each eviction starting a migration through the webhook. Makespan: drain start to the last PodMigration's completionTime. ");
        text.Append(C, $"Ideal = ceil(P/{options.DrainLimit}) x the median makespan of a 1-pod drain in this run ({single / 1000:0.000} s). ");
        text.Append(C, $"**x wave ideal** divides by ceil(P/{options.DrainLimit}) x the median makespan of a {options.DrainLimit}-pod drain ({wave / 1000:0.000} s): ");
        text.Append("one full wave run alone, so the slow-down of migrations sharing the machine is in the unit and only the scheduling between waves is left. ");
        text.AppendLine("**first admission**: drain start to the first migration admitted (eviction, webhook, PodMigration create, pick-up); "
            + "**active**: a migration's own time, admitted to completed (median); **handoff**: from the completion that freed a slot to the "
            + "admission of a queued migration (the ideal counts it as 0); **drain**: when the drain itself saw every pod gone. Goal: 20 pods within 1.2x ideal.").AppendLine();
        var table = new MarkdownTable(text, "pods", "waves", "makespan s", "ideal s", "x ideal", "x wave ideal", "first admission ms", "active s", "handoff p50 ms", "handoff max ms",
            "peak in flight", "drain s", "others CPU %", "goal:");
        foreach (var pods in drains.Select(d => d.Pods).Distinct().Order())
        {
            var group = drains.Where(d => d.Pods == pods && !d.IsVoid).ToList();
            var samples = group.SelectMany(d => d.Samples).Where(s => s.Succeeded).ToList();
            var handoffs = group.SelectMany(d => d.HandoffsMs).Order().ToList();
            var waves = (pods + options.DrainLimit - 1) / options.DrainLimit;
            var ratio = Statistics.Median(group, d => d.MakespanMs / (waves * single));
            table.Row(pods, waves, Seconds(Statistics.Median(group, d => d.MakespanMs)), Seconds(waves * single), ratio.ToString("0.00", C),
                Statistics.Median(group, d => d.MakespanMs / (waves * wave)).ToString("0.00", C),
                Ms(Statistics.Median(group, d => d.FirstAdmissionMs)), Seconds(Statistics.Median(samples, s => (s.Completed!.Value - s.Admitted!.Value).TotalMilliseconds)),
                Ms(Statistics.Percentile(handoffs, 0.5)), Ms(handoffs.Count > 0 ? handoffs[^1] : double.NaN), Statistics.Median(group, d => d.PeakInFlight).ToString("0", C),
                Seconds(Statistics.Median(group, d => d.DrainMs)), Percent(Statistics.Median(group, d => d.OthersCpuShare)),
                pods == DrainGoalPods ? $"< {DrainGoalRatio:0.0}x: {Verdict(ratio < DrainGoalRatio)}" : "");
        }
    }

    /// <summary>Which requests the controller rounds make, per migration (all sizes pooled): where the reads and writes come from.</summary>
    private static void RequestRoutes(StringBuilder text, IReadOnlyList<DowntimeRound> rounds)
    {
        var controller = rounds.Where(r => r.Kind == DowntimeRound.ControllerKind).ToList();
        var migrations = controller.Sum(r => r.Size);
        if (migrations == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("### API requests of the controller rounds, per migration (all sizes)").AppendLine();
        text.AppendLine("Everything that talked to the API server during the rounds: controller, agents, webhooks; the kubelets write through the store.").AppendLine();
        var table = new MarkdownTable(text, "request:", "per migration");
        var routes = controller.SelectMany(r => r.Requests.ByRoute).GroupBy(e => e.Key, e => e.Value, StringComparer.Ordinal)
            .Select(g => (Route: g.Key, Count: g.Sum())).OrderByDescending(e => e.Count).Take(14);
        foreach (var (route, count) in routes)
        {
            table.Row(route, ((double)count / migrations).ToString("0.0", C));
        }
    }

    /// <summary>A drained migration's own time, step by step: what grows with the pods waiting behind the limit.</summary>
    private static void DrainBreakdown(StringBuilder text, IReadOnlyList<DrainRound> drains)
    {
        text.AppendLine().AppendLine("### Where a drained migration's time goes (median per migration, ms)").AppendLine();
        text.AppendLine("The downtime steps as above, plus **preparing** (admitted to traffic off: finalizer, target choice) and **commit → done** "
            + "(the commit to Succeeded: source deleted; the slot is held until then).").AppendLine();
        var table = new MarkdownTable(text, ["pods", "preparing", .. StepColumns, "commit → done", "active"]);
        foreach (var pods in drains.Select(d => d.Pods).Distinct().Order())
        {
            var samples = drains.Where(d => d.Pods == pods && !d.IsVoid).SelectMany(d => d.Samples).Where(s => s.Succeeded).ToList();
            table.Row([pods, Ms(Statistics.Median(samples, s => s.PreparingMs)), .. StepCells(samples), Ms(Statistics.Median(samples, s => s.CommittingMs)),
                Ms(Statistics.Median(samples, s => (s.Completed!.Value - s.Admitted!.Value).TotalMilliseconds))]);
        }
    }

    /// <summary>Median over rounds of the window's non-watch API requests per migration: "reads + writes (cluster-wide pod LISTs)".</summary>
    private static string Requests(IReadOnlyList<DowntimeRound> rounds, int size, string kind)
    {
        var group = rounds.Where(r => r.Size == size && r.Kind == kind).ToList();
        return string.Create(C, $"{Statistics.Median(group, r => (double)r.Requests.Reads / size):0.#} + {Statistics.Median(group, r => (double)r.Requests.Writes / size):0.#}")
            + string.Create(C, $" ({Statistics.Median(group, r => (double)r.Requests.ClusterPodLists / size):0.#})");
    }

    private static readonly string[] StepColumns = ["off → Checkpointing", "agent", "notice", "verify + create", "restore → Ready"];

    private static object[] StepCells(IReadOnlyList<ControllerSample> samples) =>
    [
        Ms(Statistics.Median(samples, s => s.OffToCheckpointingMs)), Ms(Statistics.Median(samples, s => s.CheckpointingMs)),
        Ms(Statistics.Median(samples, s => s.NoticeMs)), Ms(Statistics.Median(samples, s => s.TransferringMs)), Ms(Statistics.Median(samples, s => s.RestoringMs)),
    ];

    private static void EveryRound(StringBuilder text, IReadOnlyList<DowntimeRound> downtime, IReadOnlyList<DrainRound> drains)
    {
        text.AppendLine().AppendLine("## Every round").AppendLine();
        if (downtime.Count > 0)
        {
            var table = new MarkdownTable(text, "kind:", "at once", "round", "p50 ms", "p99 ms", "max ms", "succeeded", "wall s", "others CPU %", "first error:");
            foreach (var r in downtime)
            {
                table.Row(r.Kind, r.Size, r.Round, Ms(r.P50), Ms(r.P99), Ms(r.SortedMs.Count > 0 ? r.SortedMs[^1] : double.NaN), r.SortedMs.Count,
                    r.Seconds.ToString("0.0", C), Percent(r.OthersCpuShare), r.FirstError ?? "");
            }

            text.AppendLine();
        }

        if (drains.Count > 0)
        {
            var table = new MarkdownTable(text, "drained pods", "round", "makespan s", "drain s", "succeeded", "peak in flight", "others CPU %", "errors:");
            foreach (var d in drains)
            {
                table.Row(d.Pods, d.Round, Seconds(d.MakespanMs), Seconds(d.DrainMs), d.Samples.Count(s => s.Succeeded), d.PeakInFlight, Percent(d.OthersCpuShare),
                    string.Join("; ", d.Errors));
            }
        }
    }

    public static string Line(DowntimeRound r) => string.Create(C,
        $"{r.Kind,-10} {r.Size,3} at once  round {r.Round}  p50 {r.P50,7:0} ms  p99 {r.P99,7:0} ms  ok {r.SortedMs.Count}/{r.Size}  {r.Seconds,5:0.0} s  others {100 * r.OthersCpuShare,3:0}%{(r.FirstError is null ? "" : "  error: " + r.FirstError)}");

    public static string Line(DrainRound d) => string.Create(C,
        $"drain {d.Pods,3} pods  round {d.Round}  makespan {d.MakespanMs / 1000,6:0.000} s  drain {d.DrainMs / 1000,6:0.000} s  ok {d.Samples.Count(s => s.Succeeded)}/{d.Pods}  peak {d.PeakInFlight}  others {100 * d.OthersCpuShare,3:0}%{(d.Errors.Count == 0 ? "" : "  errors: " + string.Join("; ", d.Errors))}");

    /// <summary>The controller and baseline rounds of one size and round, both not VOID.</summary>
    private static List<(DowntimeRound Controller, DowntimeRound Direct)> Pairs(IReadOnlyList<DowntimeRound> rounds, int size) =>
        [.. rounds.Where(r => r.Size == size && r.Kind == DowntimeRound.ControllerKind && !r.IsVoid)
            .Select(c => (Controller: c, Direct: rounds.FirstOrDefault(d => d.Size == size && d.Round == c.Round && d.Kind == DowntimeRound.DirectKind && !d.IsVoid)))
            .Where(p => p.Direct is not null)
            .Select(p => (p.Controller, p.Direct!))];

    private static double Median<T>(IEnumerable<T> items, Func<T, double> value) => Statistics.Median(items, value);

    private static string Ms(double ms) => double.IsNaN(ms) ? "" : ms.ToString("0", C);

    private static string Seconds(double ms) => double.IsNaN(ms) ? "" : (ms / 1000).ToString("0.00", C);

    private static string Percent(double share) => double.IsNaN(share) ? "" : (100 * share).ToString("0", C);

    private static string Verdict(bool met) => met ? "meets" : "MISSES";
}
