using System.Globalization;
using System.Text;

namespace Interceptor.Bench;

/// <summary>
/// The Markdown report: per worker count and scenario, the median over rounds of throughput and latency
/// percentiles, and the throughput ratio to the bare endpoint (median of the per-round ratios, each taken
/// against the bare run of the same round, so slow drift of a noisy machine cancels out).
/// </summary>
public static class Report
{
    public const string Bare = "bare";
    public const string BareChunked = "bare, chunked answer";
    public const string BareSerilog = "bare + Serilog on";
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string FirstDeny = "first deny";
    public const string WarningSuffix = " (log Warning)";

    /// <summary>The issue's goals: at least this share of the bare endpoint's throughput...</summary>
    public const double ThroughputGoal = 0.8;

    /// <summary>...and p99 under this many milliseconds on loopback.</summary>
    public const double P99GoalMs = 2.0;

    public static string Render(BenchOptions options, IReadOnlyList<RunResult> runs, IReadOnlyList<string> preamble, IReadOnlyList<Breakdown.Section> sections)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# Admission webhook benchmark, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", c)} UTC");
        text.AppendLine();
        foreach (var line in preamble)
        {
            text.AppendLine(c, $"- {line}");
        }

        text.AppendLine();
        var busiest = options.Concurrency.Max();
        text.Append(c, $"Median over {options.Rounds} interleaved round(s); {options.Warmup.TotalSeconds:0.#} s warm-up and {options.Duration.TotalSeconds:0.#} s measured per run. ");
        text.AppendLine("\"x bare\" is the median of per-round ratios to the bare run of the same round. Latency is per request, as the client sees it (send to last byte). ");
        text.Append(c, $"\"x bare per CPU\" (at {busiest} workers, where the cores are saturated) is the median of per-round ratios of CPU per request, bare / scenario: ");
        text.AppendLine("the throughput ratio had both had the whole machine, robust to other processes taking CPU during one run and not another.");
        text.AppendLine();
        text.AppendLine("| workers | scenario | req/s | x bare | x bare per CPU | p50 ms | p99 ms | p99.9 ms | max ms | CPU µs/req | requests | errors |");
        text.AppendLine("|--:|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var group in Groups(runs))
        {
            var ratio = RatioToBare(runs, group.Key.Workers, group.Key.Scenario);
            var perCpu = group.Key.Workers == busiest ? CpuRatioToBare(runs, group.Key.Workers, group.Key.Scenario) : null;
            text.Append(c, $"| {group.Key.Workers} | {group.Key.Scenario} | {Statistics.Median(group, r => r.RequestsPerSecond):0} | {Format(ratio)} | {Format(perCpu)} ");
            text.Append(c, $"| {Statistics.Median(group, r => r.P50):0.000} | {Statistics.Median(group, r => r.P99):0.000} | {Statistics.Median(group, r => r.P999):0.000} | {Statistics.Median(group, r => r.Max):0.0} | {Statistics.Median(group, r => r.CpuMicrosecondsPerRequest):0.0} ");
            text.AppendLine(c, $"| {group.Sum(r => r.Requests)} | {group.Sum(r => r.Errors + Math.Abs(r.WrongDecisions))} |");
        }

        text.AppendLine();
        text.AppendLine("## Against the goals");
        text.AppendLine();
        foreach (var workers in options.Concurrency)
        {
            foreach (var scenario in new[] { Allow, Deny, Allow + WarningSuffix, Deny + WarningSuffix })
            {
                var group = runs.Where(r => r.Workers == workers && r.Scenario == scenario).ToList();
                if (group.Count == 0 || RatioToBare(runs, workers, scenario) is not { } ratio)
                {
                    continue;
                }

                var p99 = Statistics.Median(group, r => r.P99);
                var perCpu = workers == busiest ? CpuRatioToBare(runs, workers, scenario) : null;
                var cpuVerdict = perCpu is { } x ? string.Create(c, $"; per CPU {x:0.00}, {Verdict(x >= ThroughputGoal)}") : "";
                text.Append(c, $"- {workers} worker(s), {scenario}: throughput {ratio:0.00} x bare ({Verdict(ratio >= ThroughputGoal)} >= {ThroughputGoal}{cpuVerdict}), ");
                text.AppendLine(c, $"p99 {p99:0.000} ms ({Verdict(p99 < P99GoalMs)} < {P99GoalMs} ms)");
            }
        }

        text.AppendLine();
        text.AppendLine("## CPU per request");
        text.AppendLine();
        text.AppendLine("This process's CPU time (client, bare endpoint, interceptors and fake API server together) over the measured window, per request completed in it; "
            + "its excess over bare in the same round is what the service adds. \"others\" is the share of the machine other processes used meanwhile (noise). "
            + "With a single worker the process still burns most of both cores (thread-pool threads spin while the one request is in flight), so CPU per request is only meaningful at the higher worker count.");
        text.AppendLine();
        text.AppendLine("| workers | scenario | CPU µs/req | over bare µs | this process CPU % | others CPU % |");
        text.AppendLine("|--:|:--|--:|--:|--:|--:|");
        foreach (var group in Groups(runs))
        {
            var excess = group.Key.Scenario is Bare or FirstDeny ? (double?)null : MedianOverBare(runs, group.Key.Workers, group.Key.Scenario, r => r.CpuMicrosecondsPerRequest);
            text.Append(c, $"| {group.Key.Workers} | {group.Key.Scenario} | {Statistics.Median(group, r => r.CpuMicrosecondsPerRequest):0.0} | {(excess is { } e ? e.ToString("0.0", c) : "")} ");
            text.AppendLine(c, $"| {100 * Statistics.Median(group, r => r.ProcessCpuShare):0} | {100 * Statistics.Median(group, r => r.OthersCpuShare):0} |");
        }

        if (sections.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Where the time goes (in process, one thread, no Kestrel, TLS or client)");
            text.AppendLine();
            text.Append(Breakdown.Render(sections));
            text.AppendLine();
            text.AppendLine(c, $"The timed log line wrote {Breakdown.LinesWritten(sections)} lines to stdout; they are part of the console-log total below.");
        }

        ReportFile.AppendVoidRuns(text, [.. runs.Where(r => r.IsVoid)],
            "Every answer was HTTP 200 with the expected `allowed`, UID and code, and every decision had the expected reason in the service's own metrics.",
            run => string.Create(c, $"{run.Workers} worker(s), {run.Scenario}, round {run.Round}: {run.Errors} errors, {run.WrongDecisions} wrong decisions; first: {run.FirstError}"));

        text.AppendLine();
        text.AppendLine("## Every run");
        text.AppendLine();
        text.AppendLine("| workers | round | scenario | req/s | p50 ms | p99 ms | p99.9 ms | max ms | CPU µs/req | CPU % | others % | requests | sent (with warm-up) | errors | wrong decisions | dropped samples |");
        text.AppendLine("|--:|--:|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in runs)
        {
            text.Append(c, $"| {r.Workers} | {r.Round} | {r.Scenario} | {r.RequestsPerSecond:0} | {r.P50:0.000} | {r.P99:0.000} | {r.P999:0.000} | {r.Max:0.0} ");
            text.AppendLine(c, $"| {r.CpuMicrosecondsPerRequest:0.0} | {100 * r.ProcessCpuShare:0} | {100 * r.OthersCpuShare:0} | {r.Requests} | {r.Sent} | {r.Errors} | {r.WrongDecisions} | {r.DroppedSamples} |");
        }

        return text.ToString();
    }

    public static string Line(RunResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Workers,3} workers  round {r.Round}  {r.Scenario,-22} {r.RequestsPerSecond,8:0} req/s  p50 {r.P50,7:0.000}  p99 {r.P99,7:0.000}  p99.9 {r.P999,7:0.000} ms  CPU {r.CpuMicrosecondsPerRequest,6:0.0} µs/req {100 * r.ProcessCpuShare,3:0}% (others {100 * r.OthersCpuShare,3:0}%)  n={r.Requests}{(r.IsVoid ? $"  VOID: {r.Errors} errors, {r.WrongDecisions} wrong; {r.FirstError}" : "")}");

    private static IEnumerable<IGrouping<(int Workers, string Scenario), RunResult>> Groups(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => (r.Workers, r.Scenario));

    /// <summary>Median over rounds of (scenario req/s / bare req/s in the same round); null for the bare runs and first deny.</summary>
    private static double? RatioToBare(IReadOnlyList<RunResult> runs, int workers, string scenario)
    {
        if (scenario is Bare or FirstDeny)
        {
            return null;
        }

        var ratios = runs.Where(r => r.Workers == workers && r.Scenario == scenario)
            .Select(r => runs.FirstOrDefault(b => b.Workers == workers && b.Round == r.Round && b.Scenario == Bare) is { RequestsPerSecond: > 0 } bare
                ? r.RequestsPerSecond / bare.RequestsPerSecond
                : double.NaN)
            .Where(x => !double.IsNaN(x))
            .ToList();
        return ratios.Count == 0 ? null : Statistics.Median(ratios, x => x);
    }

    /// <summary>Median over rounds of (bare CPU per request / scenario CPU per request) in the same round.</summary>
    private static double? CpuRatioToBare(IReadOnlyList<RunResult> runs, int workers, string scenario)
    {
        if (scenario is Bare or FirstDeny)
        {
            return null;
        }

        var ratios = runs.Where(r => r.Workers == workers && r.Scenario == scenario && r.CpuMicrosecondsPerRequest > 0)
            .Select(r => runs.FirstOrDefault(b => b.Workers == workers && b.Round == r.Round && b.Scenario == Bare) is { } bare
                ? bare.CpuMicrosecondsPerRequest / r.CpuMicrosecondsPerRequest
                : double.NaN)
            .Where(x => !double.IsNaN(x))
            .ToList();
        return ratios.Count == 0 ? null : Statistics.Median(ratios, x => x);
    }

    private static string Format(double? ratio) => ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "";

    /// <summary>Median over rounds of (scenario value - bare value in the same round).</summary>
    private static double? MedianOverBare(IReadOnlyList<RunResult> runs, int workers, string scenario, Func<RunResult, double> value)
    {
        var differences = runs.Where(r => r.Workers == workers && r.Scenario == scenario)
            .Select(r => runs.FirstOrDefault(b => b.Workers == workers && b.Round == r.Round && b.Scenario == Bare) is { } bare ? value(r) - value(bare) : double.NaN)
            .Where(x => !double.IsNaN(x))
            .ToList();
        return differences.Count == 0 ? null : Statistics.Median(differences, x => x);
    }

    private static string Verdict(bool met) => met ? "meets" : "MISSES";
}
