namespace Interceptor.Checkpoint.Archive;

/// <summary>Sizes of a checkpoint archive, in bytes, for transfer planning and the migration's status.</summary>
/// <param name="ArchiveBytes">Bytes read from the stream, including tar headers, padding and the end marker.</param>
/// <param name="DataBytes">Sum of all regular files' data.</param>
/// <param name="CheckpointBytes">Regular files under checkpoint/ (the CRIU images).</param>
/// <param name="PagesBytes">checkpoint/pages-*.img: the process memory, the bulk of a checkpoint.</param>
/// <param name="RootfsDiffBytes">rootfs-diff.tar, 0 when absent.</param>
/// <param name="CriuImageCount">Regular files under checkpoint/ ending in .img.</param>
public sealed record ArchiveSizes(
    long ArchiveBytes,
    long DataBytes,
    long CheckpointBytes,
    long PagesBytes,
    long RootfsDiffBytes,
    int CriuImageCount)
{
    private const string CheckpointPrefix = CheckpointArchiveFiles.CheckpointDirectory + "/";

    public static ArchiveSizes From(IReadOnlyList<ArchiveEntry> entries, long archiveBytes)
    {
        long data = 0, checkpoint = 0, pages = 0, rootfsDiff = 0;
        var images = 0;
        foreach (var entry in entries.Where(e => e.IsRegularFile))
        {
            data += entry.Length;
            if (entry.Name == CheckpointArchiveFiles.RootfsDiffTar)
            {
                rootfsDiff = entry.Length;
            }

            if (!entry.Name.StartsWith(CheckpointPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            checkpoint += entry.Length;
            var fileName = entry.Name[CheckpointPrefix.Length..];
            pages += fileName.StartsWith(CheckpointArchiveFiles.PagesPrefix, StringComparison.Ordinal) ? entry.Length : 0;
            images += fileName.EndsWith(CheckpointArchiveFiles.CriuImageSuffix, StringComparison.Ordinal) ? 1 : 0;
        }

        return new ArchiveSizes(archiveBytes, data, checkpoint, pages, rootfsDiff, images);
    }
}
