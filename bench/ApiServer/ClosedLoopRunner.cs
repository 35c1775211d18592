using System.Diagnostics;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// Closed-loop load: N workers, each sending the next request when the previous answer is read, for a warm-up and
/// then a measured window. An operation counts when it completes inside the window; CPU is sampled at the window's
/// edges. Requests count by completion time (unbiased in a steady state, also for lists that take longer than a tick).
/// </summary>
public static class ClosedLoopRunner
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    public static async Task<ApiRunResult> RunAsync(Endpoint target, Operation operation, int round, TimeSpan warmup, TimeSpan duration)
    {
        var measureStart = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var abort = new CancellationTokenSource(warmup + duration + Grace);
        var errors = new ErrorTally();
        var workers = Enumerable.Range(0, operation.Workers).Select(_ => new Worker()).ToArray();
        var tasks = workers.Select((w, i) => Task.Run(() => w.LoopAsync(target, operation, i, measureStart, end, errors, abort.Token))).ToArray();

        await DelayUntilAsync(measureStart);
        var from = CpuSnapshot.Take();
        await DelayUntilAsync(end);
        var to = CpuSnapshot.Take();
        await Task.WhenAll(tasks);
        target.AfterRun();

        var operations = workers.Sum(w => w.Operations);
        var (p50, p99) = Latencies.Summarize(workers.Select(w => w.Latencies));
        var (cpu, others) = ApiRunResult.Cpu(from, to, operations);
        return new ApiRunResult(target.Transport, target.Name, operation.Scenario, operation.Workers, round, operations, workers.Sum(w => w.Objects),
            duration.TotalSeconds, p50, p99, errors.Count, errors.First, cpu, others);
    }

    private static async Task DelayUntilAsync(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>One worker's loop and its own tallies (no sharing on the hot path).</summary>
    private sealed class Worker
    {
        public long Operations { get; private set; }

        public long Objects { get; private set; }

        public Latencies Latencies { get; } = new();

        public async Task LoopAsync(Endpoint target, Operation operation, int index, long measureStart, long end, ErrorTally errors, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    var objects = await operation.Send(target.Client, index, cancellationToken);
                    var done = Stopwatch.GetTimestamp();
                    if (done >= measureStart && done <= end)
                    {
                        Operations++;
                        Objects += objects;
                        Latencies.Add(begin, done);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors.Add(e);
                }
            }
        }
    }
}
