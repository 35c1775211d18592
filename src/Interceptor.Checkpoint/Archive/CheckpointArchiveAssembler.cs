namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Turns a fully read inventory into the summary: whole-archive checks first (an archive that
/// breaks a structural rule is refused before its metadata is trusted), then the metadata files.
/// </summary>
internal static class CheckpointArchiveAssembler
{
    public static CheckpointArchive Assemble(ArchiveInventory inventory, ArchiveRules rules, long archiveBytes)
    {
        if (inventory.Count == 0)
        {
            throw new CheckpointArchiveException(ArchiveRule.Empty, null, "the archive holds no entries, only an end-of-archive marker");
        }

        ArchiveTreeChecks.Verify(inventory, rules);
        RequiredEntries.Verify(inventory);

        var config = ContainerConfigDump.Parse(inventory.Metadata(CheckpointArchiveFiles.ConfigDump));
        var spec = SpecDump.Parse(inventory.Metadata(CheckpointArchiveFiles.SpecDump));
        var bindMounts = inventory.Metadata(CheckpointArchiveFiles.BindMounts) is { } json ? BindMount.ParseList(json) : [];
        DeletedFiles.Verify(inventory.Metadata(CheckpointArchiveFiles.DeletedFiles), rules);
        var hasStatus = inventory.Types.TryGetValue(CheckpointArchiveFiles.ContainerdStatus, out var type) && ArchiveEntry.IsRegular(type);

        return new CheckpointArchive
        {
            Metadata = CheckpointMetadata.From(config, spec, hasStatus),
            BindMounts = bindMounts,
            Entries = inventory.Entries,
            Sizes = ArchiveSizes.From(inventory.Entries, archiveBytes),
            KeptHead = inventory.Head,
        };
    }
}
