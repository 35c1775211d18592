namespace Interceptor.Bench.Migration;

/// <summary>What the statuses of one drain's migrations say about its schedule: how full the slots were, and how fast a freed slot was taken.</summary>
public static class DrainSchedule
{
    /// <summary>The most migrations between admission (Preparing entered) and completion at one moment: the limit actually used.</summary>
    public static int PeakInFlight(IReadOnlyList<ControllerSample> samples)
    {
        var edges = Timed(samples)
            .SelectMany(s => new[] { (At: s.Admitted!.Value, Step: 1), (At: s.Completed!.Value, Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step);
        int current = 0, peak = 0;
        foreach (var (_, step) in edges)
        {
            current += step;
            peak = Math.Max(peak, current);
        }

        return peak;
    }

    /// <summary>
    /// For each migration that waited in Pending: from the completion that freed its slot (the last one before its
    /// admission) to its admission, in milliseconds. The ideal schedule counts these as zero.
    /// </summary>
    public static IReadOnlyList<double> HandoffsMs(IReadOnlyList<ControllerSample> samples)
    {
        var completions = Timed(samples).Select(s => s.Completed!.Value).Order().ToList();
        return [.. Timed(samples).Where(s => !double.IsNaN(s.QueuedMs))
            .Select(s => (Admitted: s.Admitted!.Value, Freed: completions.LastOrDefault(c => c <= s.Admitted!.Value)))
            .Where(h => h.Freed != default)
            .Select(h => (h.Admitted - h.Freed).TotalMilliseconds)];
    }

    /// <summary>From the drain's start to the first admission: eviction, webhook, PodMigration create, controller pick-up.</summary>
    public static double FirstAdmissionMs(IReadOnlyList<ControllerSample> samples, DateTime start) =>
        Timed(samples).Select(s => s.Admitted!.Value).DefaultIfEmpty().Min() is var first && first != default ? (first - start).TotalMilliseconds : double.NaN;

    private static IEnumerable<ControllerSample> Timed(IReadOnlyList<ControllerSample> samples) =>
        samples.Where(s => s.Admitted is not null && s.Completed is not null);
}
