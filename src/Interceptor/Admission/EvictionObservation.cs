using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// Everything the eviction decision looks at, gathered before deciding, so the decision itself is pure.
/// </summary>
/// <param name="Pod">The pod being evicted; null when it does not exist.</param>
/// <param name="NamespaceMigrateLabel">The namespace's <see cref="Labels.Migrate"/> value, if any.</param>
/// <param name="Migration">The PodMigration already recorded for this pod's UID, if any.</param>
/// <param name="DefaultOnFailure">The failure policy for pods that do not set their own.</param>
public sealed record EvictionObservation(
    EvictionReview Review,
    PodFacts? Pod,
    string? NamespaceMigrateLabel,
    MigrationFacts? Migration,
    string DefaultOnFailure);
