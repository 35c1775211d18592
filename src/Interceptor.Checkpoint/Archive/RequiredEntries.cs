using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// What every container checkpoint must hold. Checked after the end marker because TarReader can
/// stop early and look finished; a stream that stopped early is caught here at the latest.
/// </summary>
internal static class RequiredEntries
{
    private const string CheckpointPrefix = CheckpointArchiveFiles.CheckpointDirectory + "/";

    public static void Verify(ArchiveInventory inventory)
    {
        RequireRegularFile(inventory, CheckpointArchiveFiles.ConfigDump);
        RequireRegularFile(inventory, CheckpointArchiveFiles.SpecDump);
        RequireCheckpointDirectory(inventory);
    }

    private static void RequireRegularFile(ArchiveInventory inventory, string name)
    {
        if (!inventory.Types.TryGetValue(name, out var type))
        {
            throw Missing(name, "the archive has no such entry");
        }

        if (!ArchiveEntry.IsRegular(type))
        {
            throw Missing(name, $"it is a {type}, not a regular file");
        }
    }

    private static void RequireCheckpointDirectory(ArchiveInventory inventory)
    {
        var hasDirectory = inventory.Types.TryGetValue(CheckpointArchiveFiles.CheckpointDirectory, out var type) && type == TarEntryType.Directory;
        var hasImages = inventory.Entries.Any(e => e.IsRegularFile && e.Name.StartsWith(CheckpointPrefix, StringComparison.Ordinal));
        if (!hasDirectory && !hasImages)
        {
            throw Missing(CheckpointArchiveFiles.CheckpointDirectory + "/", "no checkpoint/ directory and no CRIU image under it");
        }
    }

    private static CheckpointArchiveException Missing(string name, string detail) =>
        new(ArchiveRule.MissingRequiredEntry, name, detail);
}
