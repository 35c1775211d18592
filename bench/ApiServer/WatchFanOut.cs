using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// Watch delivery, end to end: W watchers (KubernetesClient watches of one namespace) and <see cref="Updaters"/>
/// workers merge-patching pods there, each patch carrying a sequence number in an annotation. An update is
/// delivered when the last watcher has seen it; events/s is updates x watchers over the time from the first patch
/// to the last delivery. Missing deliveries (a watcher dropped for falling behind) are errors.
/// </summary>
public static class WatchFanOut
{
    /// <summary>Concurrent updaters: enough to keep the server's write path and the fan-out busy on 2 cores.</summary>
    public const int Updaters = 16;

    private const int Capacity = 1 << 20;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private static long _probes;

    /// <summary>Pod 0 is the probe that proves every watcher is connected; the updaters patch 1..<see cref="Updaters"/>.</summary>
    public static string PodName(int index) => $"w-{index:D2}";

    public static async Task<ApiRunResult> RunAsync(Endpoint target, int watchers, int round, TimeSpan duration)
    {
        var state = new DeliveryState(watchers);
        var list = await target.Client.CoreV1.ListNamespacedPodAsync(BenchPods.Watched);
        using var stop = new CancellationTokenSource();
        var watches = Enumerable.Range(0, watchers).Select(w => Task.Run(() => WatchAsync(target.Client, list.Metadata.ResourceVersion, w, state, stop.Token))).ToArray();
        var connected = await ProbeUntilConnectedAsync(target.Client, state);

        var from = CpuSnapshot.Take();
        var end = connected ? Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency) : 0;
        await Task.WhenAll(Enumerable.Range(1, Updaters).Select(u => Task.Run(() => UpdateAsync(target.Client, u, end, state))));
        var delivered = await state.WaitForDeliveryAsync(DeliveryTimeout);
        var to = CpuSnapshot.Take();
        await stop.CancelAsync();
        await Task.WhenAll(watches);

        var updates = state.Issued;
        if (!delivered)
        {
            state.Errors.Add($"{state.Missing()} of {updates * watchers} events never reached their watcher within {DeliveryTimeout.TotalSeconds:0} s");
        }

        var (p50, p99) = state.Latencies();
        var (cpu, others) = ApiRunResult.Cpu(from, to, updates * watchers);
        return new ApiRunResult(target.Transport, target.Name, "watch events", watchers, round, updates, state.Delivered,
            state.Seconds(), p50, p99, state.Errors.Count, state.Errors.First, cpu, others);
    }

    private static async Task WatchAsync(Kubernetes client, string resourceVersion, int watcher, DeliveryState state, CancellationToken ct)
    {
        try
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(
                BenchPods.Watched, resourceVersion: resourceVersion, onError: state.Errors.Add, cancellationToken: ct))
            {
                state.Connected(watcher);
                if (type == WatchEventType.Modified && Sequence(pod) is > 0 and < Capacity and var sequence)
                {
                    state.Seen(sequence);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over: the expected end of every watch.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.Errors.Add(e);
        }
    }

    /// <summary>
    /// Patches the probe pod (not measured) until every watcher has seen an event: a watch is open only once its
    /// first event arrives, and the bare endpoint replays nothing to a late one. False (an error) on time-out.
    /// </summary>
    private static async Task<bool> ProbeUntilConnectedAsync(Kubernetes client, DeliveryState state)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConnectTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!state.AllConnected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                state.Errors.Add($"only {state.ConnectedCount} watchers connected within {ConnectTimeout.TotalSeconds:0} s");
                return false;
            }

            var probe = new V1Patch(BenchPods.ProbePatch(Interlocked.Increment(ref _probes)), V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedPodAsync(probe, PodName(0), BenchPods.Watched);
            await Task.Delay(20);
        }

        return true;
    }

    private static async Task UpdateAsync(Kubernetes client, int updater, long end, DeliveryState state)
    {
        while (Stopwatch.GetTimestamp() < end && state.Next() is { } sequence)
        {
            try
            {
                await client.CoreV1.PatchNamespacedPodAsync(new V1Patch(BenchPods.SequencePatch(sequence), V1Patch.PatchType.MergePatch), PodName(updater), BenchPods.Watched);
            }
            catch (Exception e)
            {
                state.Errors.Add(e);
            }
        }
    }

    private static long Sequence(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(BenchPods.SequenceAnnotation, out var text) == true
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : -1;

    /// <summary>Per-update send and delivery times, filled from the updaters and every watcher without locks.</summary>
    private sealed class DeliveryState(int watchers)
    {
        private readonly long[] _sent = new long[Capacity];
        private readonly int[] _seen = new int[Capacity];
        private readonly long[] _complete = new long[Capacity];
        private readonly int[] _connected = new int[watchers];
        private long _issued;
        private long _delivered;
        private int _connectedCount;

        public ErrorTally Errors { get; } = new();

        public long Issued => Math.Min(Interlocked.Read(ref _issued), Capacity - 1);

        public long Delivered => Interlocked.Read(ref _delivered);

        public int ConnectedCount => Volatile.Read(ref _connectedCount);

        public bool AllConnected => ConnectedCount == watchers;

        public void Connected(int watcher)
        {
            if (Volatile.Read(ref _connected[watcher]) == 0 && Interlocked.Exchange(ref _connected[watcher], 1) == 0)
            {
                Interlocked.Increment(ref _connectedCount);
            }
        }

        /// <summary>The next sequence number, stamped with its send time; null when the arrays are full.</summary>
        public long? Next()
        {
            var sequence = Interlocked.Increment(ref _issued);
            if (sequence >= Capacity)
            {
                return null;
            }

            _sent[sequence] = Stopwatch.GetTimestamp();
            return sequence;
        }

        public void Seen(long sequence)
        {
            Interlocked.Increment(ref _delivered);
            if (Interlocked.Increment(ref _seen[sequence]) == watchers)
            {
                Volatile.Write(ref _complete[sequence], Stopwatch.GetTimestamp());
            }
        }

        public async Task<bool> WaitForDeliveryAsync(TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Delivered < Issued * watchers)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }

                await Task.Delay(5);
            }

            return true;
        }

        public long Missing() => (Issued * watchers) - Delivered;

        /// <summary>From the first patch sent to the last update reaching its last watcher.</summary>
        public double Seconds()
        {
            var last = 0L;
            for (var s = 1; s <= Issued; s++)
            {
                last = Math.Max(last, Volatile.Read(ref _complete[s]));
            }

            return Issued == 0 || last == 0 ? 0 : Stopwatch.GetElapsedTime(_sent[1], last).TotalSeconds;
        }

        /// <summary>Patch sent to last watcher seeing it, per delivered update.</summary>
        public (double P50, double P99) Latencies()
        {
            var latencies = new Latencies();
            for (var s = 1; s <= Issued; s++)
            {
                if (Volatile.Read(ref _complete[s]) is > 0 and var complete)
                {
                    latencies.Add(_sent[s], complete);
                }
            }

            return ApiServer.Latencies.Summarize([latencies]);
        }
    }
}
