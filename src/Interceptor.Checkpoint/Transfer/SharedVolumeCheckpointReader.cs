namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// The target's side of the shared-volume transport: proves that a published checkpoint is whole and is the
/// one the migration recorded before anything restores it. It reads the archive once, streaming, to hash it.
/// </summary>
/// <param name="root">The shared volume's mount point on this node (it may differ from the publisher's).</param>
public sealed class SharedVolumeCheckpointReader(string root)
{
    /// <summary>
    /// Verifies the checkpoint <paramref name="published"/> names: reference shape, archive present, checksum file
    /// present and well formed, size as recorded, bytes hashing to the checksum, checksum equal to the recorded digest.
    /// </summary>
    /// <returns>The archive's local path, for the restore.</returns>
    /// <exception cref="SharedVolumeCheckpointException">The first check that failed.</exception>
    public async Task<string> VerifyAsync(PublishedCheckpoint published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        var layout = SharedVolumeLayout.TryParse(root, published.Reference)
            ?? throw Refused(SharedVolumeFailure.InvalidReference, published.Reference, "not of the form {namespace}/{pod UID}/{container}/attempt-{n}/checkpoint.tar");
        var checksum = await VerifyCopyAsync(layout, published.SizeBytes, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(Digests.Sha256(checksum), published.Digest, StringComparison.Ordinal))
        {
            throw Refused(SharedVolumeFailure.DigestMismatch, layout.Reference,
                $"the copy on the volume is {Digests.Sha256(checksum)}, the migration recorded {published.Digest}");
        }

        return layout.ArchivePath;
    }

    /// <summary>
    /// Verifies that the copy at <paramref name="layout"/> is whole (size when known, and hash against its own
    /// checksum file). Returns its hex digest.
    /// </summary>
    internal static async Task<string> VerifyCopyAsync(SharedVolumeLayout layout, long? expectedSize, CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.ArchivePath))
        {
            throw Refused(SharedVolumeFailure.NotFound, layout.Reference, "no archive on the shared volume under this reference");
        }

        if (!File.Exists(layout.ChecksumPath))
        {
            throw Refused(SharedVolumeFailure.MissingChecksum, layout.Reference, $"{SharedVolumeLayout.ChecksumFileName} is missing: the copy was never committed");
        }

        var recorded = await ChecksumFile.TryReadAsync(layout.ChecksumPath, cancellationToken).ConfigureAwait(false)
            ?? throw Refused(SharedVolumeFailure.InvalidChecksum, layout.Reference, $"{SharedVolumeLayout.ChecksumFileName} does not hold one sha256sum line for {SharedVolumeLayout.ArchiveFileName}");
        var length = new FileInfo(layout.ArchivePath).Length;
        if (expectedSize is { } size && length < size)
        {
            throw Refused(SharedVolumeFailure.Partial, layout.Reference, $"{length} of {size} bytes present");
        }

        var (actual, hashedBytes) = await DurableFiles.HashAsync(layout.ArchivePath, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, recorded, StringComparison.Ordinal) || (expectedSize is { } expected && hashedBytes != expected))
        {
            throw Refused(SharedVolumeFailure.ChecksumMismatch, layout.Reference,
                $"{hashedBytes} bytes hashing to sha256:{actual}, the checksum file says sha256:{recorded}");
        }

        return recorded;
    }

    private static SharedVolumeCheckpointException Refused(SharedVolumeFailure failure, string reference, string detail) =>
        new(failure, reference, detail);
}
