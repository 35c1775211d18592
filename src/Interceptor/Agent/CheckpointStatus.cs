using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;
using k8s.Models;

namespace Interceptor.Agent;

/// <summary>
/// The agent's changes to a PodMigration's status, as pure functions of the object just read. Each returns false
/// when there is nothing to write, and refuses to write for an attempt the controller has already left behind.
/// </summary>
public static class CheckpointStatus
{
    /// <summary>Records where one container's checkpoint was published for <paramref name="attempt"/>.</summary>
    public static bool RecordPublished(PodMigration migration, int attempt, string container, PublishedCheckpoint published)
    {
        if (AgentMigration.AttemptOf(migration) != attempt
            || migration.Status?.Checkpoints?.FirstOrDefault(c => c.Container == container) is not { } entry)
        {
            return false;
        }

        var image = published.Kind == SharedVolumeCheckpointTransfer.TransportKind ? null : published.Reference;
        if (entry.Attempt == attempt && entry.Reference == published.Reference && entry.Digest == published.Digest)
        {
            return false;
        }

        entry.Transport = published.Kind;
        entry.Reference = published.Reference;
        entry.Image = image;
        entry.Digest = published.Digest;
        entry.SizeBytes = published.SizeBytes;
        entry.Attempt = attempt;
        return true;
    }

    /// <summary>Sets the Checkpointed condition for <paramref name="attempt"/> (observedGeneration: the object's generation).</summary>
    public static bool RecordCondition(PodMigration migration, int attempt, string status, string reason, string message, DateTime now)
    {
        if (AgentMigration.AttemptOf(migration) != attempt)
        {
            return false;
        }

        migration.Status ??= new PodMigrationStatus();
        var conditions = migration.Status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == PodMigrationConditions.Checkpointed);
        if (existing is not null && existing.Status == status && existing.Reason == reason && existing.ObservedGeneration == migration.Metadata.Generation)
        {
            return false;
        }

        if (existing is not null)
        {
            conditions.Remove(existing);
        }

        conditions.Add(new V1Condition
        {
            Type = PodMigrationConditions.Checkpointed,
            Status = status,
            Reason = reason,
            Message = message.Length > 32768 ? message[..32768] : message,
            ObservedGeneration = migration.Metadata.Generation,
            LastTransitionTime = existing is not null && existing.Status == status ? existing.LastTransitionTime : now,
        });
        return true;
    }
}
