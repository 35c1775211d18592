using System.Collections.Concurrent;
using System.Diagnostics;
using Interceptor.Simulator;
using Interceptor.Simulator.Nodes;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// Pods bound to simulated nodes (spec.nodeName set at create, as after a scheduler) until every one is Running
/// and Ready, seen through a watch as a controller would see it. The kubelets' start and ready delays are zero,
/// so the time is the server's and the kubelets' own work: the creates, two status writes a pod, and the watch.
/// Each run gets a fresh server, so kubelets never meet the pods of an earlier run.
/// </summary>
public static class NodeStartup
{
    public const string Scenario = "pods to Running+Ready, 10 nodes";
    public const int Nodes = 10;
    public const int Creators = 16;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly SimulatedNodeOptions Instant = new() { StartDelay = TimeSpan.Zero, ReadyDelay = TimeSpan.Zero };

    public static async Task<ApiRunResult> RunAsync(bool https, int pods, int round)
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { UseHttps = https });
        await server.Nodes.AddAsync(Nodes, Instant);
        using var client = server.CreateClient();
        var errors = new ErrorTally();
        var created = new long[pods];
        var ready = new ConcurrentDictionary<string, long>();
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(Timeout);
        var list = await client.CoreV1.ListNamespacedPodAsync(BenchPods.NodeStartup);
        var watch = Task.Run(() => WatchReadyAsync(client, list.Metadata.ResourceVersion, pods, ready, allReady, errors, stop.Token));

        var from = CpuSnapshot.Take();
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Creators).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < pods; i = Interlocked.Increment(ref next))
            {
                created[i] = Stopwatch.GetTimestamp();
                var pod = BenchPods.Pod(BenchPods.NodeStartup, BenchPods.Name(i), i, $"node-{(i % Nodes) + 1}");
                try
                {
                    await client.CoreV1.CreateNamespacedPodAsync(pod, BenchPods.NodeStartup, cancellationToken: stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors.Add(e);
                }
            }
        })));
        try
        {
            await allReady.Task.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out: the pods that never became ready are counted below.
        }

        var to = CpuSnapshot.Take();
        await stop.CancelAsync();
        await watch;

        if (ready.Count < pods)
        {
            errors.Add($"{pods - ready.Count} of {pods} pods not Running and Ready within {Timeout.TotalSeconds:0} s");
        }

        var latencies = new Latencies();
        foreach (var (name, at) in ready)
        {
            latencies.Add(created[int.Parse(name.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)], at);
        }

        var seconds = ready.IsEmpty ? 0 : Stopwatch.GetElapsedTime(start, ready.Values.Max()).TotalSeconds;
        var (p50, p99) = Latencies.Summarize([latencies]);
        var (cpu, others) = ApiRunResult.Cpu(from, to, ready.Count);
        return new ApiRunResult(https ? "https" : "http", Endpoint.Fake, Scenario, Creators, round, ready.Count, ready.Count, seconds, p50, p99,
            errors.Count, errors.First, cpu, others);
    }

    private static async Task WatchReadyAsync(Kubernetes client, string resourceVersion, int pods, ConcurrentDictionary<string, long> ready,
        TaskCompletionSource allReady, ErrorTally errors, CancellationToken ct)
    {
        try
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync(BenchPods.NodeStartup, resourceVersion: resourceVersion, onError: errors.Add, cancellationToken: ct))
            {
                if (IsRunningAndReady(pod) && ready.TryAdd(pod.Metadata.Name, Stopwatch.GetTimestamp()) && ready.Count == pods)
                {
                    allReady.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Every pod is ready, or the run timed out (counted by the caller).
        }
    }

    private static bool IsRunningAndReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
