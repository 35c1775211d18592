using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Controllers;

/// <summary>
/// Deletes a migration's published checkpoints through the same transport the agents publish with (the
/// <c>Interceptor:Agent</c> transport settings, shared through the <c>interceptor-agent</c> ConfigMap). Without a
/// configured transport nothing can be deleted, and the condition and a Warning Event say so instead of pretending.
/// </summary>
public sealed class TransportCheckpointCleanup(ICheckpointTransfer? transfer, ILogger<TransportCheckpointCleanup> logger) : ICheckpointCleanup
{
    public async Task<CleanupOutcome> DeleteAsync(PodMigration migration, CancellationToken cancellationToken)
    {
        var published = (migration.Status?.Checkpoints ?? []).Where(c => c.Reference is not null && c.Transport is not null).ToList();
        if (transfer is null)
        {
            return new CleanupOutcome(false, "NoTransportConfigured",
                $"{published.Count} checkpoint(s) kept: the controller has no checkpoint transport configured (Interceptor:Agent:Transport and its settings); delete them by hand, they hold process memory");
        }

        var failures = new List<string>();
        foreach (var checkpoint in published.Where(c => c.Transport == transfer.Kind))
        {
            try
            {
                await transfer.DeleteAsync(new PublishedCheckpoint(checkpoint.Transport!, checkpoint.Reference!, checkpoint.Digest ?? "", checkpoint.SizeBytes ?? 0), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not delete checkpoint {Reference}: {Error}", checkpoint.Reference, e.Message);
                failures.Add($"{checkpoint.Container}: {e.Message}");
            }
        }

        return failures.Count == 0
            ? new CleanupOutcome(true, "Deleted", $"{published.Count} checkpoint(s) deleted from the {transfer.Kind} transport")
            : new CleanupOutcome(false, "DeleteFailed", $"checkpoint(s) kept: {string.Join("; ", failures)}");
    }
}
