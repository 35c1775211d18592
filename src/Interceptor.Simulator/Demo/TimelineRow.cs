namespace Interceptor.Simulator.Demo;

/// <summary>One drained pod's timeline; times are since the simulation started, null when it did not happen.</summary>
/// <param name="Owner">"StatefulSet cache", "ReplicaSet sessions-5f6b7", or "bare pod".</param>
/// <param name="Why">Why the eviction was allowed, or the last denial.</param>
/// <param name="CounterAtEviction">The source's counter at the allowed eviction or, for a live migration, at the first eviction request (before its checkpoint).</param>
/// <param name="Downtime">A live migration's status.downtimeSeconds; otherwise from the allowed eviction to the replacement's Ready.</param>
/// <param name="ReplacementInitialCounter">0 is a cold start; a restore starts from the checkpointed value.</param>
/// <param name="Checkpoint">The live migration's time in Checkpointing, Transferring and Restoring (status.phaseHistory).</param>
public sealed record TimelineRow(
    string Pod,
    string Owner,
    TimeSpan? FirstAttempt,
    int Denials,
    string? Migration,
    string? MigrationPhase,
    TimeSpan? EvictedAt,
    string? Why,
    long? CounterAtEviction,
    string? Replacement,
    string? ReplacementNode,
    TimeSpan? ReplacementReadyAt,
    TimeSpan? Downtime,
    long? ReplacementInitialCounter,
    PodOutcome Outcome,
    TimeSpan? Checkpoint = null,
    TimeSpan? Transfer = null,
    TimeSpan? Restore = null);
