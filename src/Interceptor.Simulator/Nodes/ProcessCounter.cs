namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The simulated process state: a counter that starts at <see cref="InitialValue"/> (0 cold, the checkpointed value
/// when restored) and goes up by one per <see cref="Interval"/> of running time, and stops counting when the
/// process stops. Pure: the value at any instant follows from the times.
/// </summary>
public sealed record ProcessCounter(
    long InitialValue,
    bool Restored,
    DateTimeOffset? RunningSince,
    DateTimeOffset? StoppedAt,
    TimeSpan Interval)
{
    public long ValueAt(DateTimeOffset now)
    {
        if (RunningSince is not { } start || now <= start)
        {
            return InitialValue;
        }
        var end = StoppedAt is { } stop && stop < now ? stop : now;
        return end <= start ? InitialValue : InitialValue + ((end - start).Ticks / Interval.Ticks);
    }
}
