namespace Interceptor.Migration;

/// <summary>
/// The one next step the planner chose for a migration. Plain records, so a planner test compares values; the
/// executor (<c>Controllers/MigrationExecutor</c>) turns each into API calls. Kept in one file on purpose: the
/// whole vocabulary of what the controller can do reads at a glance, like karpenter's Command decisions.
/// </summary>
public abstract record MigrationAction;

/// <summary>Nothing to do now; look again after <paramref name="After"/> (an event may wake it sooner).</summary>
public sealed record Wait(TimeSpan After, string Why) : MigrationAction;

/// <summary>Put the controller's finalizer on the PodMigration, so a delete before the commit point rolls back first.</summary>
public sealed record AddFinalizer : MigrationAction;

/// <summary>Let a deleted PodMigration go: nothing of the migration is left to undo.</summary>
public sealed record RemoveFinalizer : MigrationAction;

/// <summary>
/// An operator deleted a failed <c>onFailure: Block</c> migration whose pod still runs: write the release on the pod
/// (<see cref="Api.Annotations.Release"/>), so the pod's next eviction goes through instead of creating the
/// migration again. IMPORTANT: before <see cref="RemoveFinalizer"/>: once the object is gone, nothing else records it.
/// </summary>
public sealed record ReleaseEviction : MigrationAction;

/// <summary>Stay Pending: the budget of concurrent migrations is full.</summary>
public sealed record Queue(string Message) : MigrationAction;

/// <summary>Enter Preparing: start time, attempt 1, the deadline and the estimate.</summary>
public sealed record Admit(TimeSpan Deadline, TimeSpan Estimate, bool SourceNodeDraining, bool ServingGate, string? EstimateWarning) : MigrationAction;

/// <summary>Choose the target node (explicit or under the pod's constraints, among restore-capable nodes) and record it.</summary>
public sealed record SelectTarget : MigrationAction;

/// <summary>Traffic off the source: its serving condition to False (Services drop it).</summary>
public sealed record TakeTrafficOff(bool HasGate) : MigrationAction;

/// <summary>Enter Checkpointing, listing the containers for the agent on the source node.</summary>
public sealed record RequestCheckpoint(IReadOnlyList<string> Containers) : MigrationAction;

/// <summary>Enter Transferring: the agent published every container; the references are checked next.</summary>
public sealed record MarkTransferring : MigrationAction;

/// <summary>Create the replacement pod on the target, from the checkpoint images; enter Restoring.</summary>
public sealed record CreateReplacement(bool Parked) : MigrationAction;

/// <summary>The replacement runs from its checkpoint: set its serving condition True, so it becomes Ready and takes traffic.</summary>
public sealed record SwitchTrafficToReplacement : MigrationAction;

/// <summary>The commit point: one status write makes the replacement the workload. After it, only forward.</summary>
public sealed record Commit(bool Restored, string Message) : MigrationAction;

/// <summary>
/// Give the source (when still there) the lowest pod-deletion-cost, then relabel the parked replacement so its
/// ReplicaSet adopts it and, one over spec, removes the source itself. The cost is lowered only here: a source whose
/// migration has not committed yet must never tie for the ReplicaSet's pick when another migration of it commits.
/// </summary>
public sealed record AdoptReplacement : MigrationAction;

/// <summary>Delete the source (a bare pod, or an owner that did not remove it within the commit timeout).</summary>
public sealed record DeleteSource : MigrationAction;

/// <summary>The source is gone: the migration ended in <paramref name="Phase"/> (Succeeded or SucceededWithoutRestore).</summary>
public sealed record Succeed(string Phase, string Reason, string Message) : MigrationAction;

/// <summary>Before the commit point something failed: enter RollingBack with the failure's reason.</summary>
public sealed record RollBack(string Reason, string Message) : MigrationAction;

/// <summary>Rolling back: remove the replacement.</summary>
public sealed record DeleteReplacement : MigrationAction;

/// <summary>Rolling back: the source serves again (serving condition True, deletion cost removed).</summary>
public sealed record RestoreSourceServing : MigrationAction;

/// <summary>
/// End without a migration: RolledBack when the source serves again, Failed when it cannot (it is gone, or it was never
/// touched because the migration could not even start).
/// </summary>
public sealed record Finish(string Phase, string Reason, string Message) : MigrationAction;

/// <summary>Delete the checkpoint images of every attempt (they hold process memory).</summary>
public sealed record DeleteCheckpoints : MigrationAction;

/// <summary>The finished PodMigration outlived its TTL.</summary>
public sealed record DeleteMigration : MigrationAction;
