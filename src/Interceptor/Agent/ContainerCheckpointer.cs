using Interceptor.Api;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;

namespace Interceptor.Agent;

/// <summary>
/// One container, in order: a checkpoint already published for this attempt (a crash after the push, before the
/// status recorded it) is reused, never re-dumped; else the kubelet checkpoints it, and the transport publishes the
/// archive under the attempt's deterministic destination, validating it as untrusted input in the same pass (the
/// archive is read once: this runs inside the workload's downtime). The node's archives of the container are
/// removed before and after, whatever happened. A failed step becomes an <see cref="AgentStepException"/> naming it.
/// </summary>
public sealed class ContainerCheckpointer(
    IKubeletCheckpointClient kubelet,
    ICheckpointTransfer transfer,
    LocalArchives archives,
    InterceptorMetrics metrics,
    TimeProvider time,
    TimeSpan checkpointTimeout)
{
    public async Task<PublishedCheckpoint> RunAsync(AgentMigration migration, string containerName, CancellationToken cancellationToken)
    {
        var container = new ContainerRef(migration.Namespace, migration.PodName, containerName);
        var destination = new CheckpointDestination(migration.Namespace, migration.PodName, migration.PodUid, containerName, migration.Attempt);
        if (await FindPublishedAsync(destination, cancellationToken).ConfigureAwait(false) is { } already)
        {
            return already;
        }

        archives.RemoveFor(container);
        string? local = null;
        try
        {
            var checkpoint = await CheckpointAsync(container, cancellationToken).ConfigureAwait(false);
            local = archives.ToLocal(checkpoint);
            EnsureReadable(local);
            return await PublishAsync(new CheckpointPublication(local, destination), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Logs, never throws, for file-system errors: what failed above is the error to report.
            archives.RemoveFor(container, local);
        }
    }

    private async Task<KubeletCheckpoint> CheckpointAsync(ContainerRef container, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var checkpoint = await kubelet.CheckpointAsync(container, checkpointTimeout, cancellationToken).ConfigureAwait(false);
            metrics.AgentCheckpointDuration.WithLabels("succeeded").Observe(time.GetElapsedTime(started).TotalSeconds);
            return checkpoint;
        }
        catch (KubeletCheckpointException e)
        {
            metrics.AgentCheckpointDuration.WithLabels("failed").Observe(time.GetElapsedTime(started).TotalSeconds);
            throw new AgentStepException(CheckpointReasons.Kubelet(e.Kind), e.Message, e);
        }
    }

    private async Task<PublishedCheckpoint?> FindPublishedAsync(CheckpointDestination destination, CancellationToken cancellationToken)
    {
        try
        {
            return await transfer.FindAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AgentStepException(CheckpointReasons.TransferFailed, $"the {transfer.Kind} transport could not be asked for an earlier copy: {e.Message}", e);
        }
    }

    /// <summary>An archive the agent cannot open is the node's problem (mount, permissions), not the transport's: say so.</summary>
    private static void EnsureReadable(string archivePath)
    {
        try
        {
            using var probe = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentStepException(CheckpointReasons.ArchiveUnreadable,
                $"the archive the kubelet reported could not be read from the node's checkpoint directory: {e.Message}", e);
        }
    }

    private async Task<PublishedCheckpoint> PublishAsync(CheckpointPublication publication, CancellationToken cancellationToken)
    {
        try
        {
            var published = await transfer.PublishAsync(publication, cancellationToken).ConfigureAwait(false);
            metrics.AgentBytesPublished.WithLabels(transfer.Kind).Inc(published.SizeBytes);
            return published;
        }
        catch (CheckpointArchiveException e)
        {
            // The transport's single pass found the archive breaking a rule: nothing was published.
            throw new AgentStepException(CheckpointReasons.ArchiveRejected, e.Message, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AgentStepException(CheckpointReasons.TransferFailed, $"the {transfer.Kind} transport could not publish the archive: {e.Message}", e);
        }
    }
}
