namespace Interceptor.Api;

/// <summary>Condition types and reasons on a PodMigration's status (metav1.Condition, one per type).</summary>
public static class PodMigrationConditions
{
    /// <summary>
    /// Written by the agent on the source node. True: every listed container is published for the current
    /// attempt (the controller may move on). False: the agent gave up on this attempt; the reason says why and the
    /// controller rolls back or starts a new attempt (which removes this condition). Absent: still working.
    /// </summary>
    public const string Checkpointed = "Checkpointed";

    /// <summary>Written by the controller. True: the replacement runs from the checkpoint (verified from the runtime's signal).</summary>
    public const string Restored = "Restored";

    /// <summary>Written by the controller. True: the migration's checkpoint images were deleted (they hold process memory).</summary>
    public const string CheckpointsDeleted = "CheckpointsDeleted";

    /// <summary>Finalizer the controller puts on every PodMigration it works on: a delete before the commit point rolls back first.</summary>
    public const string Finalizer = "interceptor.dev/migration";

    public const string True = "True";
    public const string False = "False";
}

/// <summary>Reasons of the <see cref="PodMigrationConditions.Checkpointed"/> condition: a closed vocabulary, also the metric label.</summary>
public static class CheckpointReasons
{
    public const string CheckpointsPublished = "CheckpointsPublished";

    /// <summary>The controller entered Checkpointing without listing the containers in status.checkpoints.</summary>
    public const string NoContainersListed = "NoContainersListed";

    /// <summary>The archive broke a rule of the archive reader; the message names the rule and the entry.</summary>
    public const string ArchiveRejected = "ArchiveRejected";

    /// <summary>The archive could not be read from the node's checkpoint directory.</summary>
    public const string ArchiveUnreadable = "ArchiveUnreadable";

    /// <summary>The transport (registry or shared volume) could not publish the archive.</summary>
    public const string TransferFailed = "TransferFailed";

    /// <summary>The kubelet refused or failed: <c>Kubelet</c> + the client's failure kind (KubeletTimeout, KubeletRuntimeFailed, ...).</summary>
    public static string Kubelet(Checkpoint.Kubelet.KubeletFailureKind kind) => "Kubelet" + kind;
}
