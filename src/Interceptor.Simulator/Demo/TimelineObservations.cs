namespace Interceptor.Simulator.Demo;

/// <summary>Everything recorded during one simulate run, gathered by I/O code, turned into rows by <see cref="TimelineAssembly"/>.</summary>
/// <param name="AllowedMessages">Pod UID to the message of the interceptor's EvictionAllowed Event, when it wrote one.</param>
/// <param name="ReplacementCounters">Replacement pod UID to its counter.</param>
public sealed record TimelineObservations(
    string DrainedNode,
    IReadOnlyList<EvictionRecord> Evictions,
    IReadOnlyList<PodSighting> Pods,
    IReadOnlyList<MigrationSighting> Migrations,
    IReadOnlyDictionary<string, string> AllowedMessages,
    IReadOnlyDictionary<string, CounterSighting> ReplacementCounters);
