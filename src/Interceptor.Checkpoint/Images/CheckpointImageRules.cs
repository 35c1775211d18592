using Interceptor.Checkpoint.Archive;

namespace Interceptor.Checkpoint.Images;

/// <summary>
/// What a valid archive must also satisfy to become a checkpoint image (pure). The archive rules
/// protect the reader; these protect the restore.
/// </summary>
public static class CheckpointImageRules
{
    private const string WhiteoutPrefix = ".wh.";

    public static void Check(CheckpointArchive archive, CheckpointImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(request);
        var metadata = archive.Metadata;
        if (request.ExpectedContainer is { } container && metadata.ContainerName != container)
        {
            throw new CheckpointImageException($"the archive is of container '{metadata.ContainerName}', not '{container}'");
        }

        if (request.ExpectedPodUid is { } uid && metadata.PodUid is { } archiveUid && archiveUid != uid)
        {
            throw new CheckpointImageException($"the archive is of pod UID {archiveUid}, not {uid}");
        }

        // A layer entry named .wh.* is an OCI whiteout: the runtime would delete a path instead of
        // restoring a file. No engine writes such a name into a checkpoint.
        var whiteout = archive.Entries.FirstOrDefault(e => Path.GetFileName(e.Name.TrimEnd('/')).StartsWith(WhiteoutPrefix, StringComparison.Ordinal));
        if (whiteout is not null)
        {
            throw new CheckpointImageException($"entry '{whiteout.Name}' would be read as an OCI whiteout");
        }
    }
}
