using System.Globalization;
using Interceptor.Simulator.Nodes;

namespace Interceptor.Bench.Migration;

/// <summary>
/// The simulated step durations every node of both parts gets: realistic but small, so that a round takes about a
/// second and what the controller adds is not hidden under long simulated steps.
/// </summary>
public sealed record NodeTimings
{
    public int CheckpointMsPerMiB { get; init; } = 20;

    public int MemoryMiB { get; init; } = 4;

    public int RestoreMs { get; init; } = 100;

    public int ReadyMs { get; init; } = 50;

    /// <summary>A source pod's cold start; not part of any measured window.</summary>
    public int StartMs { get; init; } = 50;

    public SimulatedNodeOptions ToNodeOptions() => new()
    {
        CheckpointTimePerMiB = TimeSpan.FromMilliseconds(CheckpointMsPerMiB),
        MemoryBytes = (long)MemoryMiB << 20,
        RestoreDelay = TimeSpan.FromMilliseconds(RestoreMs),
        ReadyDelay = TimeSpan.FromMilliseconds(ReadyMs),
        StartDelay = TimeSpan.FromMilliseconds(StartMs),
    };

    /// <summary>What the simulated steps alone take: dump, then restore and readiness (the transfer is real work, not a delay).</summary>
    public double SimulatedMs => (CheckpointMsPerMiB * MemoryMiB) + RestoreMs + ReadyMs;

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"CheckpointTimePerMiB {CheckpointMsPerMiB} ms x MemoryBytes {MemoryMiB} MiB (zeros) = {CheckpointMsPerMiB * MemoryMiB} ms dump, ")
        + string.Create(CultureInfo.InvariantCulture, $"RestoreDelay {RestoreMs} ms, ReadyDelay {ReadyMs} ms, StartDelay {StartMs} ms: {SimulatedMs:0} ms of simulated steps per migration; ")
        + "the push to and pull from the embedded registry (TLS, loopback) and the archive checks are real work";
}
