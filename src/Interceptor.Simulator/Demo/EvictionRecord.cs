namespace Interceptor.Simulator.Demo;

/// <summary>One pod's eviction as the drain lived it; times are since the simulation started.</summary>
/// <param name="CounterAtEviction">The pod's counter read just before the eviction that was allowed: the state a cold start loses.</param>
/// <param name="FirstCounter">The counter read before the first attempt: a live migration's checkpoint comes later, so it holds at least this.</param>
/// <param name="LastDenial">The last 429's message, as drain printed it.</param>
public sealed record EvictionRecord(
    string Uid,
    string Name,
    TimeSpan? FirstAttempt = null,
    int Denials = 0,
    string? LastDenial = null,
    TimeSpan? EvictedAt = null,
    TimeSpan? GoneAt = null,
    long? CounterAtEviction = null,
    long? LastCounter = null,
    long? FirstCounter = null);
