using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Interceptor.Admission;

namespace Interceptor.Bench;

/// <summary>
/// Admission decisions per second and latency of the real interceptor (allow path, steady deny path, first deny)
/// against a bare Kestrel endpoint with the same TLS, all in one run, interleaved round by round.
/// The service's console log goes to this process's stdout; this program writes only to stderr and the report file.
/// </summary>
public static class BenchProgram
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FirstDenyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The in-progress phase the steady-state deny pod's migration is given, as a controller would.</summary>
    private const string MigrationPhase = "Transferring";

    public static async Task<int> Main(string[] args)
    {
        var log = Console.Error;
        if (BenchOptions.Parse(args, log) is not { } options)
        {
            return 2;
        }

        using var certificates = CertificateFiles.Generate(options.RepoRoot);
        await using var cluster = await BenchCluster.StartAsync();
        var warmBatch = cluster.AddFirstDenyBatch("warm", Math.Min(options.FirstDenyPods, 50));
        foreach (var workers in options.Concurrency)
        {
            for (var round = 1; round <= options.Rounds && options.FirstDenyPods > 0; round++)
            {
                cluster.AddFirstDenyBatch(BatchKey(workers, round), options.FirstDenyPods);
            }
        }

        await using var shipped = await InterceptorInstance.StartAsync(certificates, cluster.Server.BaseAddress, "Information");
        await using var quiet = options.LogVariant ? await InterceptorInstance.StartAsync(certificates, cluster.Server.BaseAddress, "Warning") : null;
        await using var bare = await BareEndpoint.StartAsync(certificates);
        await using var bareChunked = options.BareVariants ? await BareEndpoint.StartAsync(certificates, BareVariant.Chunked) : null;
        await using var bareSerilog = options.BareVariants ? await BareEndpoint.StartAsync(certificates, BareVariant.Serilog) : null;
        await shipped.WaitUntilReadyAsync(cluster.AllPods, ReadyTimeout);
        if (quiet is not null)
        {
            await quiet.WaitUntilReadyAsync(cluster.AllPods, ReadyTimeout);
        }

        // Room for every sample at up to 250k requests/s; beyond that latencies are dropped (and reported), never the count.
        var load = new LoadGenerator(certificates, (int)Math.Min(64_000_000, Math.Max(1_000_000, options.Duration.TotalSeconds * 250_000)));
        var allowBody = Reviews.Eviction(BenchCluster.Namespace, BenchCluster.NotOptedInPod);
        var denyBody = Reviews.Eviction(BenchCluster.Namespace, BenchCluster.OptedInPod);

        await PrimeAsync(load, cluster, shipped, quiet, allowBody, denyBody);
        var preamble = new List<string>
        {
            $"Source revision {options.Revision}",
            $"Runtime {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, "
                + $"{Environment.ProcessorCount} logical cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC (DATAS {(GC.GetConfigurationVariables().TryGetValue("GCDynamicAdaptationMode", out var datas) && Convert.ToInt64(datas, System.Globalization.CultureInfo.InvariantCulture) == 1 ? "on" : "off")}); client, servers and fake API server share this one process",
            $"TLS bare endpoint: {await load.DescribeTlsAsync(bare.Address)}",
            $"TLS interceptor:   {await load.DescribeTlsAsync(shipped.Webhook)}",
            $"Answer bare endpoint: {await load.DescribeAnswerAsync(bare.Address, allowBody)}"
                + (bareChunked is null ? "" : $"; \"{Report.BareChunked}\": {await load.DescribeAnswerAsync(bareChunked.Address, allowBody)}"),
            $"Answer interceptor:   allow {await load.DescribeAnswerAsync(shipped.Webhook, allowBody)}; deny {await load.DescribeAnswerAsync(shipped.Webhook, denyBody)}",
            "Client: HTTP/1.1 keep-alive, one connection per worker (SocketsHttpHandler, MaxConnectionsPerServer = workers), pre-serialized review, whole answer read and checked",
            "allow: pod not opted in (NotOptedIn), decided from the caches. deny: the same opted-in pod evicted again and again, its PodMigration already cached "
                + $"in phase {MigrationPhase}, as the controller left it (429 MigrationInProgress, no API call). first deny: each request a distinct opted-in pod (429 MigrationStarted, one create over HTTP on the fake API server)",
            "Profiling variants (not goals): \"bare, chunked answer\" leaves out Content-Length as a streamed JSON result would (the service sets one); \"bare + Serilog on\" adds the service's Serilog set-up, "
                + "which makes ASP.NET Core hosting start an Activity and a log scope per request; \"(log Warning)\" is the interceptor at Serilog:MinimumLevel:Default=Warning",
            "Interceptor logging: Serilog at Information (the shipped default) with the console sink on stdout; run.sh pipes stdout to a byte counter",
        };
        foreach (var line in preamble)
        {
            log.WriteLine(line);
        }

        if (options.FirstDenyPods > 0)
        {
            // JIT and connection warm-up of the create path, not reported.
            var warm = await load.OnceEachAsync(FirstDenyTarget(shipped), [.. warmBatch.Select(p => Reviews.Eviction(BenchCluster.Namespace, p))],
                (denyBody, false), Math.Min(4, options.Concurrency.Max()), 0, FirstDenyTimeout);
            log.WriteLine("warm-up " + Report.Line(warm));
        }

        var scenarios = new List<(Target Target, byte[] Body)>
        {
            (new Target(Report.Bare, bare.Address, true), allowBody),
            (SteadyTarget(shipped, Report.Allow, true), allowBody),
            (SteadyTarget(shipped, Report.Deny, false), denyBody),
        };
        if (bareChunked is not null && bareSerilog is not null)
        {
            scenarios.Add((new Target(Report.BareChunked, bareChunked.Address, true), allowBody));
            scenarios.Add((new Target(Report.BareSerilog, bareSerilog.Address, true), allowBody));
        }

        if (quiet is not null)
        {
            scenarios.Add((SteadyTarget(quiet, Report.Allow + Report.WarningSuffix, true), allowBody));
            scenarios.Add((SteadyTarget(quiet, Report.Deny + Report.WarningSuffix, false), denyBody));
        }

        // One unreported pass over every scenario first, so that no scenario's first round pays for tiered JIT alone.
        foreach (var (target, body) in scenarios)
        {
            var result = await load.SteadyAsync(target, body, options.Concurrency.Max(), 0, options.Warmup, TimeSpan.FromSeconds(1));
            log.WriteLine("warm-up " + Report.Line(result));
        }

        var runs = new List<RunResult>();
        var started = Stopwatch.GetTimestamp();
        foreach (var workers in options.Concurrency)
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var (target, body) in scenarios)
                {
                    RunHygiene.Settle();
                    var result = await load.SteadyAsync(target, body, workers, round, options.Warmup, options.Duration);
                    runs.Add(result);
                    log.WriteLine(Report.Line(result));
                }

                if (options.FirstDenyPods > 0)
                {
                    RunHygiene.Settle();
                    var bodies = cluster.FirstDenyBatches[BatchKey(workers, round)].Select(p => Reviews.Eviction(BenchCluster.Namespace, p)).ToArray();
                    var result = await load.OnceEachAsync(FirstDenyTarget(shipped), bodies, (denyBody, false), workers, round, FirstDenyTimeout);
                    runs.Add(result);
                    log.WriteLine(Report.Line(result));
                }
            }
        }

        preamble.Add($"Total measuring time {Stopwatch.GetElapsedTime(started).TotalMinutes:0.0} min");
        var sections = new List<Breakdown.Section>();
        if (options.Breakdown)
        {
            RunHygiene.Settle();
            sections.AddRange(await Breakdown.MeasurePipelinesAsync(certificates, cluster.Server.BaseAddress, allowBody, denyBody));
            foreach (var instance in new[] { shipped, quiet }.OfType<InterceptorInstance>())
            {
                RunHygiene.Settle();
                sections.AddRange(await Breakdown.MeasureAsync(instance, allowBody, denyBody));
            }
        }

        var report = Report.Render(options, runs, preamble, sections);
        await ReportFile.WriteAsync(report, options.ResultsFile, options.RepoRoot, log);
        return runs.Any(r => r.IsVoid) ? 1 : 0;
    }

    private static Target SteadyTarget(InterceptorInstance instance, string scenario, bool allowed) =>
        new(scenario, instance.Webhook, allowed, () => instance.Decisions(allowed, allowed ? AdmissionReasons.NotOptedIn : AdmissionReasons.MigrationInProgress));

    private static Target FirstDenyTarget(InterceptorInstance instance) =>
        new(Report.FirstDeny, instance.Webhook, false, () => instance.Decisions(false, AdmissionReasons.MigrationStarted));

    private static string BatchKey(int workers, int round) => string.Create(CultureInfo.InvariantCulture, $"c{workers}-r{round}");

    /// <summary>
    /// Puts each instance in the state the scenarios assume and proves it: the allow pod is answered NotOptedIn, and
    /// the deny pod's PodMigration exists (the first eviction creates it) and is cached, so retries are MigrationInProgress.
    /// </summary>
    private static async Task PrimeAsync(LoadGenerator load, BenchCluster cluster, InterceptorInstance shipped, InterceptorInstance? quiet, byte[] allowBody, byte[] denyBody)
    {
        var first = await load.SendOnceAsync(shipped.Webhook, denyBody, expectAllowed: false);
        if (first is not null || shipped.Decisions(false, AdmissionReasons.MigrationStarted) != 1)
        {
            throw new InvalidOperationException("the first eviction of the opted-in pod did not start a migration: " + first);
        }

        // The controller picks the migration up; the drain's retries then see it in progress.
        cluster.MarkMigrationPickedUp(BenchCluster.OptedInPod, MigrationPhase, "node-b");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (shipped.CachedMigrationPhase(BenchCluster.OptedInPod) != MigrationPhase
            || (quiet is not null && quiet.CachedMigrationPhase(BenchCluster.OptedInPod) != MigrationPhase))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the PodMigration never reached the interceptors' caches");
            }

            await Task.Delay(20);
        }

        foreach (var instance in new[] { shipped, quiet }.OfType<InterceptorInstance>())
        {
            foreach (var (body, allowed, reason) in new[] { (allowBody, true, AdmissionReasons.NotOptedIn), (denyBody, false, AdmissionReasons.MigrationInProgress) })
            {
                var before = instance.Decisions(allowed, reason);
                var error = await load.SendOnceAsync(instance.Webhook, body, allowed);
                if (error is not null || instance.Decisions(allowed, reason) != before + 1)
                {
                    throw new InvalidOperationException($"priming ({instance.LogLevel}): expected {reason}, got {error ?? "another reason"}");
                }
            }
        }
    }
}
