namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Moves one container's checkpoint archive from the source node to where a target node can restore it:
/// an OCI checkpoint image in a registry (the default) or a file on a shared volume (the alternative).
/// The agent depends on this contract only, so the two transports are interchangeable.
/// </summary>
/// <remarks>
/// Publishing must be idempotent: the destination is derived from <see cref="CheckpointPublication.Destination"/>
/// (pod UID, container, attempt), so a retry after a crash lands on the same name and never leaves two copies.
/// Archives hold process memory, secrets included: implementations never log their contents and never keep
/// a whole archive in memory.
/// </remarks>
public interface ICheckpointTransfer
{
    /// <summary>Which transport this is, for status and metrics ("registry", "shared-volume").</summary>
    string Kind { get; }

    /// <summary>
    /// Publishes the archive at <see cref="CheckpointPublication.ArchivePath"/>; returns where it went. The archive is
    /// validated by the archive reader in the same pass that publishes it (it is read once, inside the migration's
    /// downtime): a rule it breaks throws <see cref="Archive.CheckpointArchiveException"/> and nothing is published.
    /// </summary>
    Task<PublishedCheckpoint> PublishAsync(CheckpointPublication publication, CancellationToken cancellationToken);

    /// <summary>
    /// The whole checkpoint already published for <paramref name="destination"/>, or null. Looked up before a container
    /// is checkpointed, so a retry after a crash reuses what was published instead of freezing the process again.
    /// </summary>
    Task<PublishedCheckpoint?> FindAsync(CheckpointDestination destination, CancellationToken cancellationToken);

    /// <summary>Removes a published checkpoint after the migration ended (success or rollback). Missing is not an error.</summary>
    Task DeleteAsync(PublishedCheckpoint published, CancellationToken cancellationToken);
}

/// <summary>What to publish: a checkpoint archive on local disk and the identity it is published under.</summary>
public sealed record CheckpointPublication(string ArchivePath, CheckpointDestination Destination);

/// <summary>The deterministic identity of one container's checkpoint in one migration attempt.</summary>
public sealed record CheckpointDestination(string Namespace, string PodName, string PodUid, string Container, int Attempt);

/// <summary>Where a checkpoint was published.</summary>
/// <param name="Kind">The transport (<see cref="ICheckpointTransfer.Kind"/>).</param>
/// <param name="Reference">What the target uses: an image reference pinned by digest (<c>repo@sha256:...</c>) or a path on the shared volume.</param>
/// <param name="Digest">The SHA-256 digest (<c>sha256:...</c>) of what was published: the manifest for an image, the archive for a file.</param>
/// <param name="SizeBytes">Bytes moved (the layer or the file).</param>
public sealed record PublishedCheckpoint(string Kind, string Reference, string Digest, long SizeBytes);
