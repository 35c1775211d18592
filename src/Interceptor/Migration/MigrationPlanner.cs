using Interceptor.Api;

namespace Interceptor.Migration;

/// <summary>
/// The migration state machine (DESIGN section 4): given what was observed, the one next action. Pure: no I/O, no
/// clock, no options beyond the observation, so every branch is a row of a table test. The executor applies the
/// action, writes status, and the next pass re-reads everything and asks again: a crash between two passes loses
/// nothing, because every action is idempotent and the status says where the migration is.
/// </summary>
public static partial class MigrationPlanner
{
    public static MigrationAction Decide(MigrationObservation obs)
    {
        if (MigrationPhases.IsSuccess(obs.Phase) || MigrationPhases.IsFailure(obs.Phase))
        {
            return Finished(obs);
        }

        if (!HasFinalizer(obs) && !obs.IsBeingDeleted)
        {
            return new AddFinalizer();
        }

        return obs.Phase switch
        {
            null or "" or MigrationPhases.Pending => Pending(obs),
            MigrationPhases.Committing => Committing(obs),
            MigrationPhases.RollingBack => RollingBack(obs),
            _ => BeforeCommit(obs),
        };
    }

    /// <summary>Preparing to Restoring: any of these failing rolls back; else the phase's own step.</summary>
    private static MigrationAction BeforeCommit(MigrationObservation obs) =>
        CancellationOrFailure(obs) ?? obs.Phase switch
        {
            MigrationPhases.Preparing => Preparing(obs),
            MigrationPhases.Checkpointing => Checkpointing(obs),
            MigrationPhases.Transferring => Transferring(obs),
            MigrationPhases.Restoring => Restoring(obs),
            _ => new RollBack(MigrationReasons.RestoreFailed, $"unknown phase {obs.Phase}"),
        };

    /// <summary>
    /// What ends a migration before its commit point whatever the phase, in order: the user withdrew it, the eviction was
    /// withdrawn (node uncordoned), the pod is gone, the deadline passed.
    /// </summary>
    private static RollBack? CancellationOrFailure(MigrationObservation obs)
    {
        if (obs.IsBeingDeleted)
        {
            return new RollBack(MigrationReasons.MigrationDeleted, "the PodMigration was deleted before the commit point");
        }

        if (obs.Status.SourceNodeDraining == true && obs.SourceNode is { } node && !PodInspection.IsDraining(node))
        {
            return new RollBack(MigrationReasons.NodeUncordoned, $"node {node.Metadata.Name} was uncordoned before the commit point: the eviction is withdrawn");
        }

        if (obs.Source is null)
        {
            return new RollBack(MigrationReasons.SourcePodGone, $"pod {obs.Migration.Spec.PodName} ({obs.Migration.Spec.PodUid}) is gone");
        }

        if (obs.Status.Deadline is { } deadline && obs.Now > MigrationObservation.Utc(deadline))
        {
            return new RollBack(MigrationReasons.DeadlineExceeded,
                $"the migration did not reach its commit point by its deadline {deadline:O} (in phase {obs.Phase})");
        }

        return null;
    }

    private static bool HasFinalizer(MigrationObservation obs) =>
        obs.Migration.Metadata.Finalizers?.Contains(PodMigrationConditions.Finalizer) == true;

    private static Wait Poll(MigrationObservation obs, string why) => new(obs.Policy.PollInterval, why);
}
