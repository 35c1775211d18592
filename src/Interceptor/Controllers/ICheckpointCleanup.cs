using Interceptor.Api;

namespace Interceptor.Controllers;

/// <summary>Deletes what a migration published (checkpoint images or shared-volume copies): they hold process memory.</summary>
public interface ICheckpointCleanup
{
    Task<CleanupOutcome> DeleteAsync(PodMigration migration, CancellationToken cancellationToken);
}

/// <summary>What the clean-up did; <see cref="Reason"/> is the CheckpointsDeleted condition's reason.</summary>
public sealed record CleanupOutcome(bool Deleted, string Reason, string Message);
