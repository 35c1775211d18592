using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// The texts callers see. kubectl drain prints them after <c>admission webhook "…" denied the request: </c>.
/// IMPORTANT: messages for a migration in progress start with <see cref="EvacuationPrefix"/>: the descheduler and
/// KubeVirt-aware tools read that prefix as "eviction in progress, retry", anything else as a failure.
/// </summary>
public static class EvictionMessages
{
    public const string EvacuationPrefix = "Eviction triggered evacuation";

    /// <summary>
    /// The first denial. A dry run created nothing, so it says what a real eviction would do. It keeps the prefix on
    /// purpose: a dry run must be classified as the real request would be ("in progress, retry", not a failure), and
    /// <c>kubectl drain --dry-run=server</c> prints it, so the operator reads the same words with "(dry run)" in them.
    /// </summary>
    public static string Started(EvictionReview review, string migrationName) => review.DryRun
        ? $"{EvacuationPrefix} (dry run) of pod {review.Namespace}/{review.PodName}: a real eviction would start live migration "
            + $"{review.Namespace}/{migrationName} and be answered 429 until the replacement serves; nothing was created"
        : $"{EvacuationPrefix} of pod {review.Namespace}/{review.PodName}: live migration {review.Namespace}/{migrationName} started; "
            + "the pod is removed once its replacement serves, retry until then";

    public static string InProgress(EvictionReview review, MigrationFacts migration) =>
        $"{EvacuationPrefix} of pod {review.Namespace}/{review.PodName}: live migration {migration.Namespace}/{migration.Name} is "
        + $"{migration.Phase ?? MigrationPhases.Pending}{OnTarget(migration)}; retry until it completes";

    /// <summary>
    /// A failed migration under <c>onFailure: Block</c>. Deleting it releases the pod: the controller's finalizer holds the
    /// object until the release is written on the pod (<see cref="Annotations.Release"/>), so the next retry goes through
    /// instead of creating it again (docs/design/20261206-block-release.md).
    /// </summary>
    /// <param name="outcome">What went wrong, as a predicate: "ended Failed (CheckpointFailed)".</param>
    public static string Blocked(EvictionReview review, MigrationFacts migration, string outcome) =>
        BlockedBecause(review, migration, outcome,
            $"delete the PodMigration, or set its spec.onFailure to {FailurePolicies.Evict}, to let the eviction through");

    /// <summary>
    /// A Block migration no controller picked up: none holds a finalizer on it to record a delete, so a delete would be
    /// undone by the next retry. This names only the releases that need no controller.
    /// </summary>
    public static string BlockedNotPickedUp(EvictionReview review, MigrationFacts migration, string outcome) =>
        BlockedBecause(review, migration, outcome,
            $"set its spec.onFailure to {FailurePolicies.Evict}, or annotate the pod {Annotations.Release}=true, to let the eviction through");

    /// <param name="how">What released the block, as a clause: "its PodMigration ns/name is being deleted".</param>
    public static string Released(EvictionReview review, string how) =>
        $"the blocked eviction of pod {review.Namespace}/{review.PodName} was released ({how}); evicting normally, without live migration";

    private static string BlockedBecause(EvictionReview review, MigrationFacts migration, string outcome, string release) =>
        $"Eviction blocked: live migration {migration.Namespace}/{migration.Name} of pod {review.Namespace}/{review.PodName} "
        + $"{outcome} and the pod's failure policy is Block; {release}";

    private static string OnTarget(MigrationFacts migration) =>
        string.IsNullOrEmpty(migration.TargetNode) ? "" : $" (target node {migration.TargetNode})";
}
