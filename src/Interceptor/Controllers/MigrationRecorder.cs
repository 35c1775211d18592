using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using k8s.Models;

namespace Interceptor.Controllers;

/// <summary>
/// Tells the operator what happened, the same way everywhere: an Event on the PodMigration (queued, never on the
/// migration's critical path), a log line in the migration's scope, and the metrics at the end.
/// </summary>
public sealed class MigrationRecorder(EventRecorder events, MigrationMetrics metrics, ILogger<MigrationRecorder> logger)
{
    public void Normal(PodMigration m, string reason, string message) => Record(m, "Normal", reason, message);

    public void Warning(PodMigration m, string reason, string message) => Record(m, "Warning", reason, message);

    public void Downtime(double seconds) => metrics.Downtime.Observe(seconds);

    /// <summary>A terminal phase: the outcome metric, the phase durations from the history, an Event on the migration and on the pod.</summary>
    public void Completed(PodMigration written, string phase, string reason, string message)
    {
        metrics.Finished.WithLabels(phase, reason).Inc();
        var history = written.Status?.PhaseHistory ?? [];
        for (var i = 0; i + 1 < history.Count; i++)
        {
            metrics.PhaseDuration.WithLabels(history[i].Phase).Observe(Math.Max(0, (history[i + 1].Time - history[i].Time).TotalSeconds));
        }

        if (MigrationPhases.IsSuccess(phase))
        {
            metrics.BytesMoved.Inc((written.Status?.Checkpoints ?? []).Sum(c => c.SizeBytes ?? 0));
        }

        var eventReason = phase switch
        {
            MigrationPhases.Succeeded or MigrationPhases.SucceededWithoutRestore => MigrationEventReasons.MigrationSucceeded,
            MigrationPhases.RolledBack => MigrationEventReasons.MigrationRolledBack,
            _ => reason == MigrationReasons.UnsupportedOwner ? MigrationEventReasons.NotMigrated : MigrationEventReasons.MigrationFailed,
        };
        var type = phase == MigrationPhases.Succeeded ? "Normal" : "Warning";
        Record(written, type, eventReason, $"{phase} ({reason}): {message}");
    }

    /// <summary>
    /// On the PodMigration, and the same on the pod it moves (<c>kubectl describe pod</c> shows where its migration is).
    /// The pod is named by spec.podUID, so a later pod of the same name never gets another pod's history.
    /// </summary>
    private void Record(PodMigration m, string type, string reason, string message)
    {
        events.Record(new V1ObjectReference
        {
            Kind = PodMigration.KubeKind, ApiVersion = PodMigration.ApiGroupVersion, Name = m.Metadata.Name,
            NamespaceProperty = m.Metadata.NamespaceProperty, Uid = m.Metadata.Uid,
        }, type, reason, message);
        events.Record(new V1ObjectReference
        {
            Kind = "Pod", ApiVersion = "v1", Name = m.Spec.PodName, NamespaceProperty = m.Metadata.NamespaceProperty, Uid = m.Spec.PodUid,
        }, type, reason, $"live migration {m.Metadata.Name}: {message}");
        logger.Log(type == "Warning" ? LogLevel.Warning : LogLevel.Information, "{EventReason}: {Message}", reason, message);
    }
}
