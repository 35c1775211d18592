using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The controller's changes to a PodMigration's status, as pure functions of the object just read (re-applied as they
/// are to a fresh read after a 409). Each returns false when there is nothing to write, so a repeated pass writes nothing.
/// </summary>
public static class MigrationStatusChanges
{
    /// <summary>Enters <paramref name="phase"/> (once: the history gets one entry per phase entered).</summary>
    public static bool EnterPhase(PodMigration m, string phase, string reason, string message, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        if (status.Phase == phase && status.Reason == reason && status.Message == message)
        {
            return false;
        }

        if (status.Phase != phase)
        {
            (status.PhaseHistory ??= []).Add(new PhaseTransition { Phase = phase, Time = now, Reason = reason });
        }

        status.Phase = phase;
        status.Reason = reason;
        status.Message = message;
        status.ObservedGeneration = m.Metadata.Generation;
        return true;
    }

    public static bool Admit(PodMigration m, Admit admit, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        if (status.Phase is not (null or "" or MigrationPhases.Pending))
        {
            // Admitted already: a repeated pass, or a fresh read after a 409 that is further on. Entering Preparing
            // again would write for nothing, or pull a migration back from a later phase.
            return false;
        }

        status.StartTime ??= now;
        status.Attempt ??= 1;
        status.Deadline ??= now + admit.Deadline;
        status.EstimatedSeconds = Math.Round(admit.Estimate.TotalSeconds, 1);
        status.SourceNodeDraining ??= admit.SourceNodeDraining;
        status.TrafficSwitch = admit.ServingGate ? TrafficSwitches.ReadinessGate : TrafficSwitches.None;
        var message = admit.ServingGate
            ? "admitted; choosing a target"
            : "admitted; choosing a target. The pod has no interceptor.dev/serving readiness gate (created before Interceptor was installed): "
              + "Services keep sending it requests until it is gone, and writes after the checkpoint are lost";
        EnterPhase(m, MigrationPhases.Preparing, MigrationReasons.Admitted, message, now);
        return true;
    }

    public static bool TargetSelected(PodMigration m, string node, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        if (status.TargetNode == node)
        {
            return false;
        }

        status.TargetNode = node;
        return EnterPhase(m, MigrationPhases.Preparing, MigrationReasons.TargetSelected, $"target node {node}", now) || true;
    }

    public static bool TrafficOff(PodMigration m, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        if (status.TrafficOffTime is not null)
        {
            return false;
        }

        status.TrafficOffTime = now;
        var how = status.TrafficSwitch == TrafficSwitches.ReadinessGate ? "the source stopped serving (readiness gate False)" : "no readiness gate: the source keeps its traffic";
        return EnterPhase(m, MigrationPhases.Preparing, MigrationReasons.TrafficOff, how, now) || true;
    }

    /// <summary>Lists the containers for the agent (fresh entries for this attempt) and drops a Checkpointed condition of an earlier one.</summary>
    public static bool RequestCheckpoint(PodMigration m, IReadOnlyList<string> containers, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        if (status.Phase == MigrationPhases.Checkpointing)
        {
            return false;
        }

        var attempt = status.Attempt ?? 1;
        status.Checkpoints = [.. containers.Select(c => status.Checkpoints?.FirstOrDefault(e => e.Container == c && e.Attempt == attempt)
            ?? new ContainerCheckpoint { Container = c })];
        RemoveCondition(m, PodMigrationConditions.Checkpointed);
        return EnterPhase(m, MigrationPhases.Checkpointing, MigrationReasons.CheckpointRequested,
            $"checkpointing {string.Join(", ", containers)} on node {m.Spec.SourceNode} (attempt {attempt})", now);
    }

    public static bool ReplacementCreated(PodMigration m, string replacement, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        status.ReplacementPod = replacement;
        return EnterPhase(m, MigrationPhases.Restoring, MigrationReasons.ReplacementCreated,
            $"replacement {replacement} created on {status.TargetNode} from the checkpoint images", now);
    }

    /// <summary>The commit point: one write marks the replacement as the workload and records the measured downtime.</summary>
    public static bool Commit(PodMigration m, Commit commit, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        status.ReplacementReadyTime ??= now;
        if (status.TrafficOffTime is { } off)
        {
            status.DowntimeSeconds = Math.Round(Math.Max(0, (status.ReplacementReadyTime.Value - off).TotalSeconds), 3);
        }

        SetCondition(m, PodMigrationConditions.Restored, commit.Restored ? "True" : "False",
            commit.Restored ? MigrationReasons.Restored : MigrationReasons.RestoreNotVerified, commit.Message, now);
        return EnterPhase(m, MigrationPhases.Committing, MigrationReasons.ReplacementReady, commit.Message, now);
    }

    /// <summary>A terminal phase (Succeeded, SucceededWithoutRestore, RolledBack, Failed) with its completion time.</summary>
    public static bool Complete(PodMigration m, string phase, string reason, string message, DateTime now)
    {
        var status = m.Status ??= new PodMigrationStatus();
        status.CompletionTime ??= now;
        return EnterPhase(m, phase, reason, message, now);
    }

    public static void SetCondition(PodMigration m, string type, string value, string reason, string message, DateTime now)
    {
        var conditions = (m.Status ??= new PodMigrationStatus()).Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        var transition = existing is null || existing.Status != value ? now : existing.LastTransitionTime;
        if (existing is not null)
        {
            conditions.Remove(existing);
        }

        conditions.Add(new V1Condition
        {
            Type = type, Status = value, Reason = reason, Message = message,
            LastTransitionTime = transition, ObservedGeneration = m.Metadata.Generation,
        });
    }

    private static void RemoveCondition(PodMigration m, string type)
    {
        if (m.Status?.Conditions?.FirstOrDefault(c => c.Type == type) is { } existing)
        {
            m.Status.Conditions.Remove(existing);
        }
    }
}
