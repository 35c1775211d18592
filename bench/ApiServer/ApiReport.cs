using System.Globalization;
using System.Text;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The Markdown report: per transport, scenario and worker count, the fake server's median over rounds, the bare
/// endpoint's, and "x bare", the median of per-round ratios of objects/s (fake / bare in the same round and
/// transport), so slow drift of a shared machine cancels out.
/// </summary>
public static class ApiReport
{
    /// <summary>Below this share of the bare endpoint's rate, the fake server itself costs more than the HTTP path does.</summary>
    public const double SlowRatio = 0.5;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(ApiBenchOptions options, IReadOnlyList<ApiRunResult> runs, IReadOnlyList<string> preamble)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"# Fake API server benchmark, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", C)} UTC");
        text.AppendLine();
        foreach (var line in preamble)
        {
            text.AppendLine(C, $"- {line}");
        }

        text.AppendLine();
        text.Append(C, $"Median over {options.Rounds} interleaved round(s), {options.Warmup.TotalSeconds:0.#} s warm-up and {options.Duration.TotalSeconds:0.#} s measured per closed-loop run. ");
        text.AppendLine("\"x bare\" is the median of per-round ratios of objects/s, fake / bare, same round and transport (for node start-up: pods Ready/s over bare creates/s at 16 workers). "
            + "objects are list items for lists, events delivered for watches, else one per request. Latency is per request; for watches from the patch to the last watcher seeing it; "
            + "for node start-up from the pod's create to the watch seeing it Running and Ready. CPU µs/op is this whole process (client, server, kubelets) per operation; "
            + "for watches per event delivered. \"others CPU %\" is the share of the machine other processes used meanwhile (noise).");
        text.AppendLine();
        var summary = new MarkdownTable(text, "transport:", "operation:", "workers", "fake ops/s", "fake objects/s", "fake p50 ms", "fake p99 ms",
            "bare objects/s", "x bare", "fake CPU µs/op", "bare CPU µs/op", "others CPU %", "VOID runs");
        foreach (var row in Rows(runs))
        {
            var fake = row.Runs.Where(r => r.Target == Endpoint.Fake).ToList();
            var bare = row.Runs.Where(r => r.Target == Endpoint.Bare).ToList();
            summary.Row(row.Transport, row.Scenario, row.Workers, Number(M(fake, r => r.OperationsPerSecond), "0"), Number(M(fake, r => r.ObjectsPerSecond), "0"),
                Number(M(fake, r => r.P50), "0.000"), Number(M(fake, r => r.P99), "0.000"), Number(M(bare, r => r.ObjectsPerSecond), "0"),
                Number(Ratio(runs, row) ?? double.NaN, "0.00"), Number(M(fake, r => r.CpuMicrosecondsPerOperation), "0.0"),
                Number(M(bare, r => r.CpuMicrosecondsPerOperation), "0.0"), Number(100 * M(row.Runs, r => r.OthersCpuShare), "0"), row.Runs.Count(r => r.IsVoid));
        }

        text.AppendLine();
        AppendVerdicts(text, runs);
        ReportFile.AppendVoidRuns(text, [.. runs.Where(r => r.IsVoid)],
            "Every answer was checked (a pod with a name; lists of the expected length; every watch event reached every watcher; every pod became Running and Ready): no run is VOID.",
            r => string.Create(C, $"{r.Transport}, {r.Target}, {r.Scenario}, {r.Workers} worker(s), round {r.Round}: {r.Errors} errors; first: {r.FirstError}"));
        text.AppendLine();
        text.AppendLine("## Every run");
        text.AppendLine();
        var every = new MarkdownTable(text, "transport:", "round", "target:", "operation:", "workers", "ops", "objects", "s", "ops/s", "objects/s",
            "p50 ms", "p99 ms", "CPU µs/op", "others %", "errors");
        foreach (var r in runs)
        {
            every.Row(r.Transport, r.Round, r.Target, r.Scenario, r.Workers, r.Operations, r.Objects, Number(r.Seconds, "0.00"), Number(r.OperationsPerSecond, "0"),
                Number(r.ObjectsPerSecond, "0"), Number(r.P50, "0.000"), Number(r.P99, "0.000"), Number(r.CpuMicrosecondsPerOperation, "0.0"),
                Number(100 * r.OthersCpuShare, "0"), r.Errors);
        }

        return text.ToString();
    }

    public static string Line(ApiRunResult r) => string.Create(C,
        $"{r.Transport,-5} round {r.Round}  {r.Target}  {r.Scenario,-52} x{r.Workers,-3} {r.OperationsPerSecond,9:0} ops/s {r.ObjectsPerSecond,10:0} obj/s  p50 {r.P50,8:0.000}  p99 {r.P99,8:0.000} ms  CPU {r.CpuMicrosecondsPerOperation,7:0.0} µs/op (others {100 * r.OthersCpuShare,3:0}%)  n={r.Operations}{(r.IsVoid ? $"  VOID: {r.Errors} errors; {r.FirstError}" : "")}");

    /// <summary>
    /// Which operations could hold back a later benchmark: the admission benchmark reads from caches, so the fake
    /// server mostly streams watch events and takes the occasional create. The rule is stated, the figures decide.
    /// </summary>
    private static void AppendVerdicts(StringBuilder text, IReadOnlyList<ApiRunResult> runs)
    {
        text.AppendLine("## Could the fake server be the bottleneck?");
        text.AppendLine();
        text.Append(C, $"Rule: an operation is **slow** when the fake server reaches less than {SlowRatio:0.0} x the bare endpoint's rate (it then costs more than the HTTP path and the client together), else **fast**. ");
        text.AppendLine("What later benchmarks lean on: the admission benchmark answers about 40,000 reviews/s from caches, so the fake server serves its watches and one create per first deny.");
        text.AppendLine();
        foreach (var row in Rows(runs).OrderBy(r => Ratio(runs, r) ?? double.MaxValue))
        {
            if (Ratio(runs, row) is not { } ratio || double.IsNaN(ratio))
            {
                continue;
            }

            var fake = row.Runs.Where(r => r.Target == Endpoint.Fake).ToList();
            text.Append(C, $"- {row.Transport}, {row.Scenario}, {row.Workers} worker(s): {(ratio < SlowRatio ? "**slow**" : "fast")}, {ratio:0.00} x bare; ");
            text.AppendLine(C, $"{M(fake, r => r.OperationsPerSecond):0} ops/s, {M(fake, r => r.ObjectsPerSecond):0} objects/s, p99 {M(fake, r => r.P99):0.0} ms");
        }
    }

    private sealed record Row(string Transport, string Scenario, int Workers, IReadOnlyList<ApiRunResult> Runs);

    private static IEnumerable<Row> Rows(IReadOnlyList<ApiRunResult> runs) =>
        runs.GroupBy(r => (r.Transport, r.Scenario, r.Workers)).Select(g => new Row(g.Key.Transport, g.Key.Scenario, g.Key.Workers, [.. g]));

    /// <summary>Median over rounds of fake objects/s over the bare baseline's in the same round and transport.</summary>
    private static double? Ratio(IReadOnlyList<ApiRunResult> runs, Row row)
    {
        var (scenario, workers) = row.Scenario == NodeStartup.Scenario ? (Operations.CreateScenario, NodeStartup.Creators) : (row.Scenario, row.Workers);
        var ratios = row.Runs.Where(r => r.Target == Endpoint.Fake)
            .Select(f => runs.FirstOrDefault(b => b.Target == Endpoint.Bare && b.Transport == f.Transport && b.Round == f.Round && b.Scenario == scenario && b.Workers == workers)
                is { ObjectsPerSecond: > 0 } bare ? f.ObjectsPerSecond / bare.ObjectsPerSecond : double.NaN)
            .Where(x => !double.IsNaN(x))
            .ToList();
        return ratios.Count == 0 ? null : Statistics.Median(ratios, x => x);
    }

    private static double M(IEnumerable<ApiRunResult> runs, Func<ApiRunResult, double> value) => Statistics.Median(runs, value);

    private static string Number(double value, string format) => double.IsNaN(value) ? "" : value.ToString(format, C);
}
