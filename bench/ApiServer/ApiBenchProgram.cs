using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Interceptor.Simulator;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// Throughput of the fake API server with the real KubernetesClient (create, get, list, selectors, merge patch,
/// watch fan-out, pods started by simulated nodes) against a bare Kestrel endpoint replaying its bytes, per
/// transport, interleaved round by round. Progress and the report go to stderr; the report also to a file.
/// </summary>
public static class ApiBenchProgram
{
    private static readonly int[] WatcherCounts = [1, 100];
    private static readonly TimeSpan WarmPass = TimeSpan.FromSeconds(0.5);

    public static async Task<int> Main(string[] args)
    {
        var log = Console.Error;
        if (ApiBenchOptions.Parse(args, log) is not { } options)
        {
            return 2;
        }

        var preamble = new List<string>
        {
            $"Source revision {options.Revision}",
            $"Runtime {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, "
                + $"{Environment.ProcessorCount} logical cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; client, fake server, bare endpoint and kubelets share this one process",
            $"Fake server: FakeApiServer with default options (request log on, as tests run it); seeded through its store with {options.SmallList} and {options.Objects} pods in two namespaces "
                + $"(labels app=a0..a9, spec.nodeName node-0..node-9, so each selector picks {options.SmallList})",
            "Bare endpoint: Kestrel on 127.0.0.1 (HTTP/1.1+2; HTTPS with a self-signed ECDSA P-256 certificate, as the fake's) replaying the fake server's own captured answers: "
                + "same bytes on the wire, none of the fake's routing, store, selectors or serialization; a PATCH copies the sequence number into its answer and broadcasts it to open watches",
            "Client: one KubernetesClient (k8s.Kubernetes) per server, from FakeApiServer.CreateClient() and the same configuration for the bare endpoint; N workers in a closed loop",
            $"Watch: {WatchFanOut.Updaters} updaters merge-patch an annotation carrying a sequence number while W watchers watch the namespace; "
                + $"node start-up: {options.NodePods} pods created by {NodeStartup.Creators} workers with spec.nodeName over {NodeStartup.Nodes} simulated nodes (StartDelay = ReadyDelay = 0), a fresh fake server per run",
        };
        foreach (var line in preamble)
        {
            log.WriteLine(line);
        }

        var started = Stopwatch.GetTimestamp();
        var runs = new List<ApiRunResult>();
        foreach (var https in options.Https)
        {
            runs.AddRange(await MeasureTransportAsync(options, https, log));
        }

        preamble.Add($"Total measuring time {Stopwatch.GetElapsedTime(started).TotalMinutes:0.0} min");
        var report = ApiReport.Render(options, runs, preamble);
        await ReportFile.WriteAsync(report, options.ResultsFile, options.RepoRoot, log);
        return runs.Any(r => r.IsVoid) ? 1 : 0;
    }

    /// <summary>One transport: both servers up, one unreported pass over every scenario, then the rounds, bare before fake.</summary>
    private static async Task<List<ApiRunResult>> MeasureTransportAsync(ApiBenchOptions options, bool https, TextWriter log)
    {
        var transport = https ? "https" : "http";
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { UseHttps = https });
        Seed(fake.Store, options);
        using var fakeClient = fake.CreateClient();
        var answers = await CapturedAnswers.TakeAsync(fake, fakeClient);
        await using var bare = await BareApiServer.StartAsync(answers, https, new FakeApiServerOptions().WatchBufferSize);
        using var bareClient = bare.CreateClient();
        Endpoint[] targets =
        [
            new(transport, Endpoint.Bare, bareClient, () => { }),
            new(transport, Endpoint.Fake, fakeClient, () => DropCreatedPods(fake.Store)),
        ];

        // JIT, connection pools and the servers' first allocations, not reported.
        foreach (var target in targets)
        {
            foreach (var operation in Operations.All(options))
            {
                log.WriteLine("warm-up " + ApiReport.Line(await ClosedLoopRunner.RunAsync(target, operation, 0, TimeSpan.Zero, WarmPass)));
            }

            foreach (var watchers in WatcherCounts)
            {
                log.WriteLine("warm-up " + ApiReport.Line(await WatchFanOut.RunAsync(target, watchers, 0, WarmPass)));
            }
        }

        if (options.NodePods > 0)
        {
            log.WriteLine("warm-up " + ApiReport.Line(await NodeStartup.RunAsync(https, Math.Min(options.NodePods, 100), 0)));
        }

        var runs = new List<ApiRunResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var operation in Operations.All(options))
            {
                foreach (var target in targets)
                {
                    RunHygiene.Settle();
                    runs.Add(Logged(log, await ClosedLoopRunner.RunAsync(target, operation, round, options.Warmup, options.Duration)));
                }
            }

            foreach (var watchers in WatcherCounts)
            {
                foreach (var target in targets)
                {
                    RunHygiene.Settle();
                    runs.Add(Logged(log, await WatchFanOut.RunAsync(target, watchers, round, options.Duration)));
                }
            }

            if (options.NodePods > 0)
            {
                RunHygiene.Settle();
                runs.Add(Logged(log, await NodeStartup.RunAsync(https, options.NodePods, round)));
            }
        }

        return runs;
    }

    /// <summary>The objects the runs read and patch, written straight into the store (seeding is not measured).</summary>
    private static void Seed(FakeObjectStore store, ApiBenchOptions options)
    {
        for (var i = 0; i < options.SmallList; i++)
        {
            store.Create(BenchPods.Seeded(BenchPods.SmallList, i));
        }

        for (var i = 0; i < options.Objects; i++)
        {
            store.Create(BenchPods.Seeded(BenchPods.LargeList, i));
        }

        for (var i = 0; i < Operations.PatchedPods; i++)
        {
            store.Create(BenchPods.Pod(BenchPods.Patches, Operations.PatchedPod(i), i));
        }

        for (var i = 0; i <= WatchFanOut.Updaters; i++)
        {
            store.Create(BenchPods.Pod(BenchPods.Watched, WatchFanOut.PodName(i), i));
        }
    }

    /// <summary>After a create run: the next one starts from the same store size, and the namespace never grows without bound.</summary>
    private static void DropCreatedPods(FakeObjectStore store)
    {
        var filter = ObjectFilter.Everything with { Namespace = BenchPods.Creates };
        foreach (var pod in store.List(BuiltinResources.Pods, filter).Items)
        {
            store.Delete(BuiltinResources.Pods, BenchPods.Creates, Meta.Name(pod)!);
        }
    }

    private static ApiRunResult Logged(TextWriter log, ApiRunResult result)
    {
        log.WriteLine(ApiReport.Line(result));
        return result;
    }
}
