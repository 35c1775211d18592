using Interceptor.Simulator.Demo;

namespace Interceptor.Bench.Migration;

/// <summary>
/// Part 2: drains of one node holding P opted-in bare pods, as kubectl drain does them (<see cref="DrainSimulation"/>:
/// cordon, list, evict every pod at once, retry on 429, wait for each to be gone). Each eviction starts a migration
/// through the real webhook; the controller admits at most Controller:MaxConcurrentPerNode at a time and queues the rest.
/// </summary>
public sealed class DrainPart(BenchWorld world, TimeSpan retry)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(240);

    /// <summary>How often the drain checks that an evicted pod is gone (kubectl: 1 s); only the drain's own time depends on it.</summary>
    private static readonly TimeSpan DeletePoll = TimeSpan.FromMilliseconds(100);

    private string Node => world.Sources[0];

    public async Task<DrainRound> RunAsync(int pods, int round)
    {
        var ns = world.NewNamespace("drain");
        using (var setup = new CancellationTokenSource(DrainTimeout))
        {
            await world.CreateRunningPodsAsync(ns, pods, _ => Node, setup.Token);
        }

        RunHygiene.Settle();
        var from = CpuSnapshot.Take();
        var start = DateTime.UtcNow;
        var drain = new DrainSimulation(world.Client, _ => { }, new QuietDrainObserver());
        var result = await drain.DrainAsync(Node, new DrainOptions(retry, DrainTimeout, DeletePoll));
        var to = CpuSnapshot.Take();
        var samples = world.Migrations(ns).Select(ControllerSample.From).ToList();
        var end = samples.Select(s => s.Completed).Max();
        var makespan = end is { } last ? (last - start).TotalMilliseconds : double.NaN;
        await world.SetUnschedulableAsync(Node, false);
        await world.EmptyAsync(ns);
        return new DrainRound(pods, round, makespan, result.Elapsed.TotalMilliseconds, samples, DrainSchedule.PeakInFlight(samples),
            DrainSchedule.HandoffsMs(samples), DrainSchedule.FirstAdmissionMs(samples, start), result.Errors, DowntimePart.OthersShare(from, to));
    }
}
