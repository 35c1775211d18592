using Interceptor.Api;

namespace Interceptor.Simulator.Demo;

/// <summary>A PodMigration as read after the drain: its phase (empty: nobody picked it up) and what its status says happened.</summary>
/// <param name="Checkpoint">Time in Checkpointing (the agent's checkpoint and push), from <c>status.phaseHistory</c>.</param>
/// <param name="Transfer">Time in Transferring (references checked, replacement created).</param>
/// <param name="Restore">Time in Restoring (the replacement pulled, restored and Ready).</param>
/// <param name="Downtime">status.downtimeSeconds: traffic off to the replacement Ready, as the controller measured it.</param>
public sealed record MigrationSighting(
    string Name,
    string PodUid,
    string? Phase,
    string? Message = null,
    string? ReplacementPod = null,
    string? TargetNode = null,
    TimeSpan? Checkpoint = null,
    TimeSpan? Transfer = null,
    TimeSpan? Restore = null,
    TimeSpan? Downtime = null)
{
    public static MigrationSighting From(PodMigration migration)
    {
        var status = migration.Status;
        var history = status?.PhaseHistory ?? [];
        return new MigrationSighting(
            migration.Metadata.Name, migration.Spec.PodUid, status?.Phase,
            status?.Reason is { } reason ? $"{reason}: {status.Message}" : status?.Message,
            status?.ReplacementPod, status?.TargetNode,
            TimeIn(history, MigrationPhases.Checkpointing), TimeIn(history, MigrationPhases.Transferring), TimeIn(history, MigrationPhases.Restoring),
            status?.DowntimeSeconds is { } downtime ? TimeSpan.FromSeconds(downtime) : null);
    }

    /// <summary>From entering <paramref name="phase"/> to entering the phase after it; null when it was never entered or never left.</summary>
    public static TimeSpan? TimeIn(IList<PhaseTransition> history, string phase)
    {
        var ordered = history.OrderBy(t => t.Time).ToList();
        var entered = ordered.FindIndex(t => t.Phase == phase);
        return entered >= 0 && entered + 1 < ordered.Count ? ordered[entered + 1].Time - ordered[entered].Time : null;
    }

    /// <summary>A live migration that finished (with a restore, or accepted without one).</summary>
    public bool Succeeded => MigrationPhases.IsSuccess(Phase);
}
