using Interceptor.Api;

namespace Interceptor.Migration;

public static partial class MigrationPlanner
{
    /// <summary>
    /// After the commit point only forward: a deleted PodMigration, an uncordoned node or a passed deadline change
    /// nothing now (the replacement already serves; undoing would cost a second outage).
    /// </summary>
    private static MigrationAction Committing(MigrationObservation obs)
    {
        if (obs.Replacement is { } replacement && ReplacementPods.IsParked(replacement))
        {
            // IMPORTANT: the relabel is the owner's commit: the ReplicaSet adopts the replacement and, now one over spec,
            // removes the source (lowest deletion cost). Never before the replacement is Ready; and even when the source
            // is already gone (another migration's adoption made the ReplicaSet pick it), or the replacement is orphaned.
            return new AdoptReplacement();
        }

        var restored = obs.Status.Conditions?.Any(c => c.Type == PodMigrationConditions.Restored && c.Status == PodConditionTypeStatus.True) == true;

        if (obs.Source is not { } source)
        {
            return restored
                ? new Succeed(MigrationPhases.Succeeded, MigrationReasons.Restored,
                    $"pod {obs.Migration.Spec.PodName} now runs as {obs.Status.ReplacementPod} on {obs.Status.TargetNode}, restored from its checkpoint")
                : new Succeed(MigrationPhases.SucceededWithoutRestore, MigrationReasons.RestoreNotVerified,
                    $"pod {obs.Migration.Spec.PodName} now runs as {obs.Status.ReplacementPod} on {obs.Status.TargetNode}, started cold: its in-memory state was not carried over");
        }

        if (PodInspection.IsTerminating(source))
        {
            return Poll(obs, "waiting for the source pod to terminate");
        }

        // A bare pod has no owner to remove it; an owner that has not removed it within the commit timeout gets help.
        var owned = PodInspection.OwnerKind(source) is not null;
        return !owned || obs.TimeInPhase > obs.Policy.CommitTimeout
            ? new DeleteSource()
            : Poll(obs, "waiting for the owner to remove the source pod");
    }

    private static MigrationAction RollingBack(MigrationObservation obs)
    {
        if (obs.Replacement is { } replacement && !PodInspection.IsTerminating(replacement))
        {
            return new DeleteReplacement();
        }

        if (obs.Source is { } source && !PodInspection.IsTerminating(source) && NeedsServingBack(obs, source))
        {
            return new RestoreSourceServing();
        }

        var reason = obs.Status.Reason ?? MigrationReasons.RestoreFailed;
        return obs.Source is { } alive && !PodInspection.IsTerminating(alive)
            ? new Finish(MigrationPhases.RolledBack, reason, $"rolled back; pod {obs.Migration.Spec.PodName} serves again. {obs.Status.Message}")
            : new Finish(MigrationPhases.Failed, reason, $"pod {obs.Migration.Spec.PodName} is gone; nothing to roll back to. {obs.Status.Message}");
    }

    /// <summary>A failed Block migration whose pod still runs: the webhook answers the pod's evictions 429 from it.</summary>
    private static bool BlocksEviction(MigrationObservation obs) =>
        MigrationPhases.IsFailure(obs.Phase) && obs.Migration.Spec.OnFailure == FailurePolicies.Block && obs.Source is not null;

    private static bool ReleaseRecorded(k8s.Models.V1Pod source) =>
        !string.IsNullOrEmpty(source.Metadata.Annotation(Annotations.Release));

    /// <summary>The source was taken off traffic (or had its deletion cost lowered) by this migration and is not back yet.</summary>
    private static bool NeedsServingBack(MigrationObservation obs, k8s.Models.V1Pod source) =>
        (PodInspection.HasServingGate(source) && PodInspection.Serving(source) == PodConditionTypeStatus.False)
        || source.Metadata.Annotations?.ContainsKey(Annotations.PodDeletionCost) == true && obs.Status.TrafficOffTime is not null;

    /// <summary>Terminal: clean up the checkpoint images, let a deleted object go, expire after the TTL.</summary>
    private static MigrationAction Finished(MigrationObservation obs)
    {
        var recorded = obs.Status.Checkpoints?.Any(c => c.Reference is not null) == true;
        var deleted = obs.Status.Conditions?.Any(c => c.Type == PodMigrationConditions.CheckpointsDeleted) == true;
        if (recorded && !deleted)
        {
            return new DeleteCheckpoints();
        }

        if (obs.IsBeingDeleted)
        {
            return BlocksEviction(obs) && !ReleaseRecorded(obs.Source!) ? new ReleaseEviction()
                : HasFinalizer(obs) ? new RemoveFinalizer() : new Wait(obs.Policy.PollInterval, "being deleted");
        }

        if (BlocksEviction(obs))
        {
            // Block means "until an operator acts": the TTL is not an operator, and its delete would read as a release.
            return new Wait(obs.Policy.TtlAfterFinished, "failed with onFailure Block: kept, blocking the pod's eviction, until an operator releases it");
        }

        var completed = obs.Status.CompletionTime is { } t ? MigrationObservation.Utc(t) : obs.Now;
        var expiry = completed + obs.Policy.TtlAfterFinished;
        return obs.Now >= expiry ? new DeleteMigration() : new Wait(expiry - obs.Now, "finished; kept until its TTL");
    }
}
