using Interceptor.Api;

namespace Interceptor.Bench.Migration;

/// <summary>
/// One migration as its PodMigration status tells it (every time is the controller's or the agent's own clock, in this
/// process). The downtime window, traffic off to the commit, is cut where the status allows (milliseconds):
/// traffic off to Checkpointing entered (the controller's next pass), Checkpointing to the agent's Checkpointed
/// condition (agent pick-up, kubelet dump, registry push, status writes), that condition to Transferring entered
/// (the controller noticing), Transferring to Restoring (reference checks, replacement created), and Restoring to
/// Committing (restore, readiness, serving gate opened, the controller seeing the replacement Ready); after it, the
/// commit to completion (source deleted, Succeeded written), which holds the slot but is not downtime. Admitted
/// (Preparing entered) and Completed are UTC.
/// </summary>
public sealed record ControllerSample(
    string Name, string Phase, double DowntimeMs, double QueuedMs, double PreparingMs, double OffToCheckpointingMs, double CheckpointingMs,
    double NoticeMs, double TransferringMs, double RestoringMs, double CommittingMs, DateTime? Admitted, DateTime? Completed)
{
    public bool Succeeded => Phase == MigrationPhases.Succeeded;

    public static ControllerSample From(PodMigration m)
    {
        var status = m.Status ?? new PodMigrationStatus();
        DateTime? Entered(string phase) => status.PhaseHistory?.FirstOrDefault(p => p.Phase == phase)?.Time;
        var checkpointed = status.Conditions?.FirstOrDefault(c => c.Type == PodMigrationConditions.Checkpointed && c.Status == "True")?.LastTransitionTime;
        var pending = Entered(MigrationPhases.Pending);
        var preparing = Entered(MigrationPhases.Preparing);
        var checkpointing = Entered(MigrationPhases.Checkpointing);
        var transferring = Entered(MigrationPhases.Transferring);
        var restoring = Entered(MigrationPhases.Restoring);
        return new ControllerSample(
            m.Metadata.Name, status.Phase ?? "", (status.DowntimeSeconds ?? double.NaN) * 1000,
            Ms(pending, preparing), Ms(preparing, status.TrafficOffTime), Ms(status.TrafficOffTime, checkpointing), Ms(checkpointing, checkpointed),
            Ms(checkpointed, transferring), Ms(transferring, restoring), Ms(restoring, status.ReplacementReadyTime), Ms(status.ReplacementReadyTime, status.CompletionTime),
            preparing is { } admitted ? Utc(admitted) : null, status.CompletionTime is { } completed ? Utc(completed) : null);
    }

    private static double Ms(DateTime? from, DateTime? to) =>
        from is { } f && to is { } t ? (Utc(t) - Utc(f)).TotalMilliseconds : double.NaN;

    // The client may hand times back as Local or Unspecified; the API's are UTC.
    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
