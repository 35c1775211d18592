using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Interceptor.Bench.Migration;

/// <summary>
/// Live migrations through the real controller, agents, kubelets and registry against a fake API server: the downtime
/// the controller adds to checkpoint + transfer + restore (against a direct script in the same run, interleaved round by
/// round), and how close a drain under a per-node limit comes to the ideal schedule. The services log to stdout; this
/// program writes progress to stderr and the Markdown report to stderr and the results file.
/// </summary>
public static class MigrationBenchProgram
{
    /// <summary>Interceptor:Agent:MaxConcurrentMigrations accepts at most this (shipped: 2).</summary>
    private const int AgentLimit = 16;

    private static readonly string[] DrainSources = ["drained"];
    private static readonly string[] Targets = ["dst-0", "dst-1", "dst-2", "dst-3"];

    public static async Task<int> Main(string[] args)
    {
        var log = Console.Error;
        if (MigrationBenchOptions.Parse(args, log) is not { } options)
        {
            return 2;
        }

        var started = Stopwatch.GetTimestamp();
        var downtime = options.SkipDowntime ? [] : await RunDowntimeAsync(options, log);
        var drains = options.SkipDrain ? [] : await RunDrainsAsync(options, log);
        var preamble = Preamble(options, Stopwatch.GetElapsedTime(started));
        var report = MigrationReport.Render(options, preamble, downtime, drains);
        await ReportFile.WriteAsync(report, options.ResultsFile, options.RepoRoot, log);
        if (options.SamplesFile.Length > 0)
        {
            await SampleCsv.WriteAsync(options.SamplesFile, downtime, drains);
        }
        return downtime.Any(r => r.IsVoid) || drains.Any(d => d.IsVoid) ? 1 : 0;
    }

    /// <summary>
    /// Per-node and cluster limits at the largest size, and enough source nodes that no agent has more than its maximum
    /// of migrations at once: nothing but the work itself serializes.
    /// </summary>
    private static async Task<List<DowntimeRound>> RunDowntimeAsync(MigrationBenchOptions options, TextWriter log)
    {
        var largest = options.Sizes.Max();
        var sources = DowntimeSources(largest);
        log.WriteLine($"downtime part: {sources.Count} source and {Targets.Length} target nodes, sizes {string.Join(",", options.Sizes)}, {options.Rounds} rounds");
        var agents = Math.Min(AgentLimit, (largest + sources.Count - 1) / sources.Count);
        await using var world = await BenchWorld.StartAsync(sources, Targets, options.Timings, ControllerSettings.For(options, largest, largest), agents);
        using var direct = new DirectMigration(world);
        var part = new DowntimePart(world, direct);
        // One unreported round of each kind first: JIT, connection pools, and the controller taking the Lease.
        var warm = Math.Min(5, largest);
        log.WriteLine("warm-up " + MigrationReport.Line(await part.ControllerRoundAsync(warm, 0)));
        log.WriteLine("warm-up " + MigrationReport.Line(await part.DirectRoundAsync(warm, 0)));

        var rounds = new List<DowntimeRound>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var size in options.Sizes)
            {
                // Alternate which kind goes first, so neither always runs on the warmer (or the more disturbed) machine.
                var controllerFirst = round % 2 == 1;
                foreach (var controller in new[] { controllerFirst, !controllerFirst })
                {
                    var result = controller ? await part.ControllerRoundAsync(size, round) : await part.DirectRoundAsync(size, round);
                    rounds.Add(result);
                    log.WriteLine(MigrationReport.Line(result));
                }
            }
        }

        return rounds;
    }

    /// <summary>The agent on the drained node may work on as many migrations as the controller lets leave it (shipped: 2 and 2).</summary>
    private static async Task<List<DrainRound>> RunDrainsAsync(MigrationBenchOptions options, TextWriter log)
    {
        // 1 pod gives the ideal's unit; one full wave (the limit) gives the unit of the wave ideal.
        int[] sizes = [.. new[] { 1, options.DrainLimit }.Concat(options.DrainSizes).Distinct().Order()];
        log.WriteLine($"drain part: MaxConcurrentPerNode {options.DrainLimit}, sizes {string.Join(",", sizes)}, {options.DrainRounds} rounds");
        var settings = ControllerSettings.For(options, options.DrainLimit, Math.Max(options.DrainLimit, 10));
        await using var world = await BenchWorld.StartAsync(DrainSources, Targets, options.Timings, settings, Math.Min(AgentLimit, options.DrainLimit));
        var part = new DrainPart(world, options.DrainRetry);
        log.WriteLine("warm-up " + MigrationReport.Line(await part.RunAsync(Math.Min(options.DrainLimit, sizes.Max()), 0)));

        var rounds = new List<DrainRound>();
        for (var round = 1; round <= options.DrainRounds; round++)
        {
            foreach (var pods in sizes)
            {
                var result = await part.RunAsync(pods, round);
                rounds.Add(result);
                log.WriteLine(MigrationReport.Line(result));
            }
        }

        return rounds;
    }

    /// <summary>At least two source nodes, and one more for every <see cref="AgentLimit"/> migrations at once.</summary>
    public static IReadOnlyList<string> DowntimeSources(int largest) =>
        [.. Enumerable.Range(0, Math.Max(2, (largest + AgentLimit - 1) / AgentLimit)).Select(i => string.Create(CultureInfo.InvariantCulture, $"src-{i}"))];

    private static List<string> Preamble(MigrationBenchOptions options, TimeSpan elapsed) =>
    [
        $"Source revision {options.Revision}",
        $"Runtime {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} logical cores, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; fake API server (HTTPS), embedded registry (HTTPS), simulated kubelets, agents, interceptor and the baseline share this one process",
        "Simulated nodes: " + options.Timings.Describe(),
        string.Create(CultureInfo.InvariantCulture,
            $"Controller: PollInterval {options.PollInterval.TotalSeconds:0.###} s, ResyncInterval {options.ResyncInterval.TotalSeconds:0.###} s, Workers 16 (shipped); downtime part MaxConcurrentPerNode = MaxConcurrentInCluster = {(options.Sizes.Count > 0 ? options.Sizes.Max() : 0)}, "
            + $"drain part MaxConcurrentPerNode {options.DrainLimit}; pods with the serving readiness gate (pod webhook on)"),
        string.Create(CultureInfo.InvariantCulture,
            $"Nodes: downtime part {DowntimeSources(options.Sizes.Max()).Count} source nodes (pod i on source i mod sources) and {Targets.Length} targets (pod i to target i mod targets, the same in both kinds); "
            + $"drain part one drained node and the same {Targets.Length} targets (the controller chooses). Agents' MaxConcurrentMigrations (shipped 2, at most {AgentLimit}) "
            + $"raised to what a source node has at once: the sizes over the sources in the downtime part, the per-node limit in the drain part"),
        string.Create(CultureInfo.InvariantCulture, $"Total time {elapsed.TotalMinutes:0.0} min"),
    ];
}
