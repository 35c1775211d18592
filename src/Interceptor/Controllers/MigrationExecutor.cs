using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Migration;

namespace Interceptor.Controllers;

/// <summary>
/// Act: turns the planner's one action into API calls and the status write that records it. Every step is idempotent
/// (a retry or a restart finds "already done" and moves on), and the status is written after the world was changed,
/// so a crash in between only repeats a step, never skips one.
/// </summary>
public sealed class MigrationExecutor(
    PodMigrationClient migrations,
    PodOperations pods,
    TargetSelector targets,
    ICheckpointCleanup cleanup,
    MigrationRecorder recorder,
    TimeProvider time)
{
    /// <summary>Applies <paramref name="action"/>; returns the PodMigration as written, or null when nothing was written.</summary>
    public async Task<PodMigration?> ApplyAsync(MigrationAction action, MigrationObservation obs, CancellationToken ct)
    {
        var m = obs.Migration;
        var now = time.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case AddFinalizer:
                await migrations.SetFinalizersAsync(m, [.. m.Metadata.Finalizers ?? [], PodMigrationConditions.Finalizer], ct).ConfigureAwait(false);
                return null;
            case RemoveFinalizer:
                await migrations.SetFinalizersAsync(m, [.. (m.Metadata.Finalizers ?? []).Where(f => f != PodMigrationConditions.Finalizer)], ct).ConfigureAwait(false);
                return null;
            case ReleaseEviction:
                await pods.PatchAsync(obs.Source!, PodReleasePatch.For(obs.Source!, m.Metadata.Name), ct).ConfigureAwait(false);
                recorder.Normal(m, MigrationEventReasons.EvictionReleased,
                    $"the PodMigration was deleted: pod {m.Spec.PodName}'s evictions go through without live migration from now on");
                return null;
            case Queue queue:
                recorder.Normal(m, MigrationEventReasons.MigrationQueued, queue.Message);
                return await WriteAsync(m, x => MigrationStatusChanges.EnterPhase(x, MigrationPhases.Pending, MigrationReasons.Queued, queue.Message, now), ct).ConfigureAwait(false);
            case Admit admit:
                return await AdmitAsync(obs, admit, now, ct).ConfigureAwait(false);
            case SelectTarget:
                return await SelectTargetAsync(obs, now, ct).ConfigureAwait(false);
            case TakeTrafficOff off:
                return await TakeTrafficOffAsync(obs, off, now, ct).ConfigureAwait(false);
            case RequestCheckpoint checkpoint:
                return await WriteAsync(m, x => MigrationStatusChanges.RequestCheckpoint(x, checkpoint.Containers, now), ct).ConfigureAwait(false);
            case MarkTransferring:
                recorder.Normal(m, MigrationEventReasons.CheckpointsVerified, "every container's checkpoint is published; verifying the references");
                return await WriteAsync(m, x => MigrationStatusChanges.EnterPhase(x, MigrationPhases.Transferring, MigrationReasons.CheckpointsPublished,
                    "checkpoints published; checking that each belongs to this pod, container and attempt", now), ct).ConfigureAwait(false);
            case CreateReplacement create:
                return await CreateReplacementAsync(obs, create, now, ct).ConfigureAwait(false);
            case SwitchTrafficToReplacement:
                await pods.SetServingAsync(obs.Replacement!, true, "Restored", "restored from the checkpoint; serving", now, ct).ConfigureAwait(false);
                recorder.Normal(m, MigrationEventReasons.TrafficSwitched, $"pod {obs.Replacement!.Metadata.Name} restored; its serving condition is now True");
                return null;
            case Commit commit:
                return await CommitAsync(obs, commit, now, ct).ConfigureAwait(false);
            case AdoptReplacement:
                await AdoptReplacementAsync(obs, ct).ConfigureAwait(false);
                recorder.Normal(m, MigrationEventReasons.ReplacementAdopted, $"pod {obs.Replacement!.Metadata.Name} relabelled for its ReplicaSet, which removes {m.Spec.PodName}");
                return null;
            case DeleteSource:
                // Already checkpointed and off traffic: no grace period to wait out (a StatefulSet would wait for the name).
                await pods.DeleteAsync(obs.Source!, PodInspection.OwnerKind(obs.Source!) is null ? 0 : null, ct).ConfigureAwait(false);
                recorder.Normal(m, MigrationEventReasons.SourceDeleted, $"source pod {m.Spec.PodName} deleted; {m.Status?.ReplacementPod} serves in its place");
                return null;
            case Succeed succeed:
                return await CompleteAsync(obs, succeed.Phase, succeed.Reason, succeed.Message, now, ct).ConfigureAwait(false);
            case RollBack rollBack:
                recorder.Warning(m, MigrationEventReasons.MigrationRollingBack, $"{rollBack.Reason}: {rollBack.Message}");
                return await WriteAsync(m, x => MigrationStatusChanges.EnterPhase(x, MigrationPhases.RollingBack, rollBack.Reason, rollBack.Message, now), ct).ConfigureAwait(false);
            case DeleteReplacement:
                await pods.DeleteAsync(obs.Replacement!, 0, ct).ConfigureAwait(false);
                return null;
            case RestoreSourceServing:
                await RestoreSourceServingAsync(obs, now, ct).ConfigureAwait(false);
                return null;
            case Finish finish:
                return await CompleteAsync(obs, finish.Phase, finish.Reason, finish.Message, now, ct).ConfigureAwait(false);
            case DeleteCheckpoints:
                return await DeleteCheckpointsAsync(obs, now, ct).ConfigureAwait(false);
            case DeleteMigration:
                await migrations.DeleteAsync(m, ct).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private Task<PodMigration?> WriteAsync(PodMigration m, Func<PodMigration, bool> change, CancellationToken ct) =>
        migrations.UpdateStatusAsync(m, change, ct);

    private async Task<PodMigration?> AdmitAsync(MigrationObservation obs, Admit admit, DateTime now, CancellationToken ct)
    {
        var written = await WriteAsync(obs.Migration, x => MigrationStatusChanges.Admit(x, admit, now), ct).ConfigureAwait(false);
        recorder.Normal(obs.Migration, MigrationEventReasons.MigrationAdmitted,
            $"migrating pod {obs.Migration.Spec.PodName} off node {obs.Migration.Spec.SourceNode}; estimated {admit.Estimate.TotalSeconds:0.#}s, deadline in {admit.Deadline.TotalSeconds:0}s");
        if (admit.EstimateWarning is { } warning)
        {
            recorder.Warning(obs.Migration, MigrationEventReasons.MigrationSlow, warning);
        }

        return written;
    }

    private async Task<PodMigration?> SelectTargetAsync(MigrationObservation obs, DateTime now, CancellationToken ct)
    {
        var choice = await targets.ChooseAsync(obs.Source!, obs.Migration.Spec.TargetNode, ct).ConfigureAwait(false);
        if (choice.Node is not { } node)
        {
            // No capable node is a failure before anything was touched: roll back (nothing to undo) with the reason.
            recorder.Warning(obs.Migration, MigrationEventReasons.MigrationRollingBack, $"{choice.Reason}: {choice.Message}");
            return await WriteAsync(obs.Migration, x => MigrationStatusChanges.EnterPhase(x, MigrationPhases.RollingBack, choice.Reason!, choice.Message!, now), ct).ConfigureAwait(false);
        }

        recorder.Normal(obs.Migration, MigrationEventReasons.TargetSelected, $"target node {node}");
        return await WriteAsync(obs.Migration, x => MigrationStatusChanges.TargetSelected(x, node, now), ct).ConfigureAwait(false);
    }

    /// <summary>IMPORTANT: serving False before the status says traffic is off; a crash in between repeats it.</summary>
    private async Task<PodMigration?> TakeTrafficOffAsync(MigrationObservation obs, TakeTrafficOff off, DateTime now, CancellationToken ct)
    {
        var source = obs.Source!;
        if (off.HasGate)
        {
            await pods.SetServingAsync(source, false, "Migrating", $"checkpointing for live migration {obs.Migration.Metadata.Name}", now, ct).ConfigureAwait(false);
        }

        recorder.Normal(obs.Migration, MigrationEventReasons.TrafficOff, off.HasGate
            ? $"pod {source.Metadata.Name} no longer serving (readiness gate {PodConditionTypes.Serving} False)"
            : $"pod {source.Metadata.Name} has no readiness gate: it keeps its traffic until it is removed");
        return await WriteAsync(obs.Migration, x => MigrationStatusChanges.TrafficOff(x, now), ct).ConfigureAwait(false);
    }

    private async Task<PodMigration?> CreateReplacementAsync(MigrationObservation obs, CreateReplacement create, DateTime now, CancellationToken ct)
    {
        var m = obs.Migration;
        var desired = ReplacementPods.Build(new ReplacementRequest(obs.Source!, obs.Status.TargetNode!, MigrationPlanner.ExpectedImages(obs),
            m.Metadata.Name, obs.Attempt, create.Parked));
        var created = await pods.CreateOrGetAsync(desired, ct).ConfigureAwait(false);
        if (!ReplacementPods.IsReplacementOf(created, m.Metadata.Name))
        {
            throw new StaleDecisionException($"a pod named {desired.Metadata.Name} exists and is not this migration's replacement");
        }

        recorder.Normal(m, MigrationEventReasons.ReplacementCreated, $"replacement {created.Metadata.Name} created on node {obs.Status.TargetNode}");
        return await WriteAsync(m, x => MigrationStatusChanges.ReplacementCreated(x, created.Metadata.Name, now), ct).ConfigureAwait(false);
    }

    /// <summary>IMPORTANT: the source's deletion cost before the relabel, so the ReplicaSet's scale-down picks this source.</summary>
    private async Task AdoptReplacementAsync(MigrationObservation obs, CancellationToken ct)
    {
        // A deletion cost the user set is overridden too: at this moment the source must be the one the ReplicaSet removes.
        if (obs.Source is { } source && source.Metadata.Annotation(Annotations.PodDeletionCost) != ReplacementPods.LowestDeletionCost)
        {
            await pods.PatchAsync(source, ReplacementPods.SourceDeletionCostPatch(), ct).ConfigureAwait(false);
        }

        // The replacement's own record of its parked labels: right whether or not the source is still there.
        await pods.PatchAsync(obs.Replacement!, ReplacementPods.CommitPatchFromRecord(obs.Replacement!), ct).ConfigureAwait(false);
    }

    private async Task<PodMigration?> CommitAsync(MigrationObservation obs, Commit commit, DateTime now, CancellationToken ct)
    {
        var written = await WriteAsync(obs.Migration, x => MigrationStatusChanges.Commit(x, commit, now), ct).ConfigureAwait(false);
        if (written?.Status?.DowntimeSeconds is { } downtime)
        {
            recorder.Downtime(downtime);
        }

        recorder.Normal(obs.Migration, MigrationEventReasons.MigrationCommitted, commit.Message);
        return written;
    }

    private async Task RestoreSourceServingAsync(MigrationObservation obs, DateTime now, CancellationToken ct)
    {
        var source = obs.Source!;
        if (source.Metadata.Annotations?.ContainsKey(Annotations.PodDeletionCost) == true)
        {
            await pods.PatchAsync(source, ReplacementPods.RemoveDeletionCostPatch(), ct).ConfigureAwait(false);
        }

        if (PodInspection.HasServingGate(source))
        {
            await pods.SetServingAsync(source, true, "MigrationRolledBack", $"live migration {obs.Migration.Metadata.Name} rolled back; serving again", now, ct).ConfigureAwait(false);
        }
    }

    private async Task<PodMigration?> CompleteAsync(MigrationObservation obs, string phase, string reason, string message, DateTime now, CancellationToken ct)
    {
        var written = await WriteAsync(obs.Migration, x => MigrationStatusChanges.Complete(x, phase, reason, message, now), ct).ConfigureAwait(false);
        if (written is not null)
        {
            recorder.Completed(written, phase, reason, message);
        }

        return written;
    }

    private async Task<PodMigration?> DeleteCheckpointsAsync(MigrationObservation obs, DateTime now, CancellationToken ct)
    {
        var outcome = await cleanup.DeleteAsync(obs.Migration, ct).ConfigureAwait(false);
        if (outcome.Deleted)
        {
            recorder.Normal(obs.Migration, MigrationEventReasons.CheckpointsDeleted, outcome.Message);
        }
        else
        {
            recorder.Warning(obs.Migration, MigrationEventReasons.CheckpointsKept, outcome.Message);
        }

        return await WriteAsync(obs.Migration, x =>
        {
            MigrationStatusChanges.SetCondition(x, PodMigrationConditions.CheckpointsDeleted, outcome.Deleted ? "True" : "False", outcome.Reason, outcome.Message, now);
            return true;
        }, ct).ConfigureAwait(false);
    }
}
