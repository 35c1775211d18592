namespace Interceptor.Api;

/// <summary>
/// The fixed vocabulary of <c>status.reason</c>: why a migration is where it is. Also the <c>reason</c> label of
/// <c>interceptor_migrations_finished_total</c>, so never build one from data. Documented in the README's table.
/// </summary>
public static class MigrationReasons
{
    // In progress.
    /// <summary>Pending: the per-node or cluster budget of concurrent migrations is full.</summary>
    public const string Queued = "Queued";

    public const string Admitted = "Admitted";
    public const string TargetSelected = "TargetSelected";
    public const string TrafficOff = "TrafficOff";
    public const string CheckpointRequested = "CheckpointRequested";
    public const string CheckpointsPublished = "CheckpointsPublished";
    public const string ReplacementCreated = "ReplacementCreated";
    public const string ReplacementReady = "ReplacementReady";

    // Outcomes.
    /// <summary>Succeeded: the replacement runs from the checkpoint (verified) and the source is gone.</summary>
    public const string Restored = "Restored";

    // Failures: each ends RolledBack (the source serves again) or Failed (it could not be made to).
    /// <summary>The source pod is gone or is another incarnation (another UID) of the name.</summary>
    public const string SourcePodGone = "SourcePodGone";

    /// <summary>StatefulSet, Job, DaemonSet or static pods: not migrated (yet); evicted normally.</summary>
    public const string UnsupportedOwner = "UnsupportedOwner";

    /// <summary>No node is labelled as able to restore (interceptor.dev/restore=enabled).</summary>
    public const string NoRestoreCapableNode = "NoRestoreCapableNode";

    /// <summary>Restore-capable nodes exist but none fits the pod's constraints.</summary>
    public const string NoFeasibleNode = "NoFeasibleNode";

    /// <summary>spec.targetNode names a node that does not exist.</summary>
    public const string TargetNotFound = "TargetNotFound";

    /// <summary>spec.targetNode names a node that cannot take the pod.</summary>
    public const string TargetNotSuitable = "TargetNotSuitable";

    /// <summary>The agent could not checkpoint or publish a container (the Checkpointed condition says how).</summary>
    public const string CheckpointFailed = "CheckpointFailed";

    /// <summary>No checkpoint within the checkpoint step's timeout.</summary>
    public const string CheckpointTimeout = "CheckpointTimeout";

    /// <summary>A recorded checkpoint does not belong to this pod UID, container and attempt.</summary>
    public const string CheckpointInvalid = "CheckpointInvalid";

    /// <summary>The replacement could not be created, or its container failed (CreateContainerError, crash).</summary>
    public const string RestoreFailed = "RestoreFailed";

    /// <summary>The replacement started cold instead of from the checkpoint, and policy does not accept a cold start.</summary>
    public const string RestoreNotVerified = "RestoreNotVerified";

    /// <summary>The runtime gave no signal either way: never reported as success.</summary>
    public const string RestoreUnverifiable = "RestoreUnverifiable";

    /// <summary>The replacement was not Ready within the restore step's timeout.</summary>
    public const string ReplacementNotReady = "ReplacementNotReady";

    /// <summary>The migration's overall deadline (scaled by the pod's memory) passed before the commit point.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>The source node was uncordoned before the commit point: the eviction is withdrawn.</summary>
    public const string NodeUncordoned = "NodeUncordoned";

    /// <summary>The PodMigration was deleted before the commit point.</summary>
    public const string MigrationDeleted = "MigrationDeleted";

    /// <summary>Every failure reason, for docs and tests.</summary>
    public static IReadOnlyList<string> Failures { get; } =
    [
        SourcePodGone, UnsupportedOwner, NoRestoreCapableNode, NoFeasibleNode, TargetNotFound, TargetNotSuitable,
        CheckpointFailed, CheckpointTimeout, CheckpointInvalid, RestoreFailed, RestoreNotVerified, RestoreUnverifiable,
        ReplacementNotReady, DeadlineExceeded, NodeUncordoned, MigrationDeleted,
    ];
}
