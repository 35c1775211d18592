namespace Interceptor.Simulator.Demo;

/// <summary>One drained pod's timeline; times are since the simulation started, null when it did not happen.</summary>
/// <param name="Owner">"StatefulSet cache", "ReplicaSet sessions-5f6b7", or "bare pod".</param>
/// <param name="Why">Why the eviction was allowed, or the last denial.</param>
/// <param name="Downtime">From the allowed eviction to the replacement's Ready.</param>
/// <param name="ReplacementInitialCounter">0 is a cold start; the checkpointed value once restores exist.</param>
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
    PodOutcome Outcome);
