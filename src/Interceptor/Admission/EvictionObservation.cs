using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// Everything the eviction decision looks at, gathered before deciding, so the decision itself is pure.
/// </summary>
/// <param name="Pod">The pod being evicted; null when it does not exist.</param>
/// <param name="NamespaceMigrateLabel">The namespace's <see cref="Labels.Migrate"/> value, if any.</param>
/// <param name="Migration">The PodMigration already recorded for this pod's UID, if any.</param>
/// <param name="Policy">The operator's settings that bear on the decision.</param>
/// <param name="Now">The time of the decision: passed in, so deciding never reads a clock.</param>
/// <param name="PodFromApi">The pod facts were read from the API server in this review, not from the cache: nothing to confirm.</param>
public sealed record EvictionObservation(
    EvictionReview Review,
    PodFacts? Pod,
    string? NamespaceMigrateLabel,
    MigrationFacts? Migration,
    EvictionPolicy Policy,
    DateTimeOffset Now,
    bool PodFromApi = false);

/// <param name="DefaultOnFailure">The failure policy for pods that do not set their own.</param>
/// <param name="PickupTimeout">How long a PodMigration may wait for the controller to give it a phase before it counts as failed.</param>
public sealed record EvictionPolicy(string DefaultOnFailure, TimeSpan PickupTimeout);
