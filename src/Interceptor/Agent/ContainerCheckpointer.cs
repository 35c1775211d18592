using Interceptor.Api;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;

namespace Interceptor.Agent;

/// <summary>
/// One container, in order: the kubelet checkpoints it; the archive is read as untrusted input and must pass
/// every archive rule; the transport publishes it under the attempt's deterministic destination. The node's
/// archives of the container are removed before and after, whatever happened. A failed step becomes an
/// <see cref="AgentStepException"/> naming it.
/// </summary>
public sealed class ContainerCheckpointer(
    IKubeletCheckpointClient kubelet,
    CheckpointArchiveReader archiveReader,
    ICheckpointTransfer transfer,
    LocalArchives archives,
    InterceptorMetrics metrics,
    TimeProvider time,
    TimeSpan checkpointTimeout)
{
    public async Task<PublishedCheckpoint> RunAsync(AgentMigration migration, string containerName, CancellationToken cancellationToken)
    {
        var container = new ContainerRef(migration.Namespace, migration.PodName, containerName);
        archives.RemoveFor(container);
        try
        {
            var checkpoint = await CheckpointAsync(container, cancellationToken).ConfigureAwait(false);
            var local = archives.ToLocal(checkpoint);
            await ValidateAsync(local, cancellationToken).ConfigureAwait(false);
            var destination = new CheckpointDestination(migration.Namespace, migration.PodName, migration.PodUid, containerName, migration.Attempt);
            return await PublishAsync(new CheckpointPublication(local, destination), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            archives.RemoveFor(container);
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

    private async Task ValidateAsync(string archivePath, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await archiveReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointArchiveException e)
        {
            throw new AgentStepException(CheckpointReasons.ArchiveRejected, e.Message, e);
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AgentStepException(CheckpointReasons.TransferFailed, $"the {transfer.Kind} transport could not publish the archive: {e.Message}", e);
        }
    }
}
