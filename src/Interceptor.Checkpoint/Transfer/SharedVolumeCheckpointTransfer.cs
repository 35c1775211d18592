using Interceptor.Checkpoint.Archive;

namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Publishes checkpoint archives to a ReadWriteMany volume that every agent mounts: the alternative to a
/// registry. One publication, in order: validate the destination; remove stale leftovers of crashed publishers;
/// if a whole copy with the same SHA-256 is already committed, stop (a retry is a no-op); stream the archive
/// into a fresh staging directory while hashing it, with its checksum file, both owner-only and flushed; flush
/// the staging directory; commit by renaming it to <c>attempt-{n}</c> and flush the parent.
/// </summary>
/// <remarks>
/// IMPORTANT: the archive and its checksum are committed by one directory rename, so a reader sees both or
/// neither; a crash before the rename leaves only a staging directory that the next publisher removes once it
/// is stale. Publishers of one destination take turns (<see cref="DestinationLock"/>): the second finds the
/// first's copy and stops when it holds the same bytes, or replaces it when it holds another archive (the
/// container was checkpointed again before the status recorded the first copy). Without the lock (a file
/// system that ignores it) the commit still never mixes two copies: the first rename wins and a later one
/// compares digests as above.
/// </remarks>
public sealed class SharedVolumeCheckpointTransfer : ICheckpointTransfer
{
    public const string TransportKind = "shared-volume";
    private const int MaxCommitTries = 3;

    private readonly string _root;
    private readonly TimeSpan _staleAfter;
    private readonly TimeProvider _time;
    private readonly CheckpointArchiveReader _reader;

    /// <param name="root">The shared volume's mount point; it must exist (a missing mount must not become a local directory).</param>
    /// <param name="staleAfter">How long a staging directory must go unwritten before it counts as a crashed publisher's.</param>
    /// <param name="reader">Validates the archive in the pass that copies it (the default rules when null).</param>
    public SharedVolumeCheckpointTransfer(string root, TimeSpan? staleAfter = null, TimeProvider? timeProvider = null, CheckpointArchiveReader? reader = null)
    {
        _reader = reader ?? new CheckpointArchiveReader();
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = root;
        _staleAfter = staleAfter ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_staleAfter, TimeSpan.Zero);
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Kind => TransportKind;

    public async Task<PublishedCheckpoint> PublishAsync(CheckpointPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var layout = SharedVolumeLayout.For(_root, publication.Destination);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"the shared volume is not mounted at {_root}");
        }

        DurableFiles.CreateOwnerDirectory(_root, layout.ContainerDirectory);
        using var exclusive = await DestinationLock.AcquireAsync(DestinationLock.PathFor(layout), _staleAfter, _time, cancellationToken).ConfigureAwait(false);
        StagingCleanup.RemoveStale(layout, _time.GetUtcNow(), _staleAfter);
        if (await CommittedCopyAsync(layout, publication.ArchivePath, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var staging = Path.Combine(layout.ContainerDirectory, layout.StagingPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var (hex, size) = await StageAsync(publication.ArchivePath, staging, _reader, cancellationToken).ConfigureAwait(false);
            await CommitAsync(layout, staging, hex, cancellationToken).ConfigureAwait(false);
            return Published(layout, hex, size);
        }
        finally
        {
            // Gone after a commit; still here after a failure or when a concurrent publisher's copy was kept.
            StagingCleanup.TryDelete(staging);
        }
    }

    public async Task<PublishedCheckpoint?> FindAsync(CheckpointDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var layout = SharedVolumeLayout.For(_root, destination);
        if (!Directory.Exists(layout.AttemptDirectory))
        {
            return null;
        }

        try
        {
            var hex = await SharedVolumeCheckpointReader.VerifyCopyAsync(layout, null, cancellationToken).ConfigureAwait(false);
            return Published(layout, hex, new FileInfo(layout.ArchivePath).Length);
        }
        catch (SharedVolumeCheckpointException)
        {
            // Partial or damaged: not published. PublishAsync moves it aside and publishes afresh.
            return null;
        }
    }

    public async Task DeleteAsync(PublishedCheckpoint published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        var layout = SharedVolumeLayout.TryParse(_root, published.Reference)
            ?? throw new ArgumentException($"'{published.Reference}' is not a shared-volume checkpoint reference.", nameof(published));
        if (!Directory.Exists(layout.ContainerDirectory))
        {
            return;
        }

        var lockPath = DestinationLock.PathFor(layout);
        using (await DestinationLock.AcquireAsync(lockPath, _staleAfter, _time, cancellationToken).ConfigureAwait(false))
        {
            StagingCleanup.TryDelete(layout.AttemptDirectory);
            File.Delete(lockPath);
        }

        RemoveIfEmpty(layout.ContainerDirectory);
        RemoveIfEmpty(Path.GetDirectoryName(layout.ContainerDirectory)!);
    }

    /// <summary>
    /// The committed copy when it is whole and holds exactly this archive (then publishing is a no-op). A copy
    /// that is damaged is moved aside at once, so the commit below cannot mistake it for a concurrent publisher's.
    /// </summary>
    private static async Task<PublishedCheckpoint?> CommittedCopyAsync(SharedVolumeLayout layout, string archivePath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(layout.AttemptDirectory))
        {
            return null;
        }

        var (sourceHex, sourceSize) = await DurableFiles.HashAsync(archivePath, cancellationToken).ConfigureAwait(false);
        try
        {
            var copyHex = await SharedVolumeCheckpointReader.VerifyCopyAsync(layout, sourceSize, cancellationToken).ConfigureAwait(false);
            return copyHex == sourceHex ? Published(layout, sourceHex, sourceSize) : null;
        }
        catch (SharedVolumeCheckpointException)
        {
            MoveAside(layout);
            return null;
        }
    }

    private static async Task<(string Hex, long Size)> StageAsync(string archivePath, string staging, CheckpointArchiveReader reader, CancellationToken cancellationToken)
    {
        DurableFiles.CreateOwnerDirectory(Path.GetDirectoryName(staging)!, staging);
        (string Hex, long Size) copied;
        await using (var source = DurableFiles.OpenRead(archivePath))
        {
            copied = await DurableFiles.CopyValidatedAsync(source, Path.Combine(staging, SharedVolumeLayout.ArchiveFileName), reader, cancellationToken).ConfigureAwait(false);
        }

        await DurableFiles.WriteOwnerTextAsync(Path.Combine(staging, SharedVolumeLayout.ChecksumFileName), ChecksumFile.Format(copied.Hex), cancellationToken).ConfigureAwait(false);
        DurableFiles.SyncDirectory(staging);
        return copied;
    }

    private static async Task CommitAsync(SharedVolumeLayout layout, string staging, string hex, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxCommitTries; attempt++)
        {
            try
            {
                Directory.Move(staging, layout.AttemptDirectory);
                DurableFiles.SyncDirectory(layout.ContainerDirectory);
                return;
            }
            catch (IOException) when (Directory.Exists(layout.AttemptDirectory))
            {
                // A concurrent publisher committed first. Its copy of the same bytes is as good as ours.
                if (await ChecksumOfAsync(layout, cancellationToken).ConfigureAwait(false) == hex)
                {
                    return;
                }

                MoveAside(layout);
            }
        }

        throw new IOException($"could not commit {layout.Reference}: other publishers kept replacing it");
    }

    private static async Task<string?> ChecksumOfAsync(SharedVolumeLayout layout, CancellationToken cancellationToken)
    {
        try
        {
            return await ChecksumFile.TryReadAsync(layout.ChecksumPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Renames the committed copy out of the way, then removes it; a copy already moved by another publisher is fine.</summary>
    private static void MoveAside(SharedVolumeLayout layout)
    {
        var aside = Path.Combine(layout.ContainerDirectory, layout.ReplacedPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(layout.AttemptDirectory, aside);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        StagingCleanup.TryDelete(aside);
    }

    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Not empty after all (a concurrent publisher), or already gone: both leave nothing to do.
        }
    }

    private static PublishedCheckpoint Published(SharedVolumeLayout layout, string hex, long size) =>
        new(TransportKind, layout.Reference, Digests.Sha256(hex), size);
}
