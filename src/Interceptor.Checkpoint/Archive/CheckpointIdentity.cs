using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Who an archive on the node's disk is of, from its config.dump and spec.dump alone: for clean-up, where the
/// kubelet's file name cannot tell two containers apart (<see cref="Kubelet.ArchiveNameMatch.Ambiguous"/>).
/// Not a validation: the archive is only read for the two files, skipping every other entry's data by seeking,
/// so a multi-GiB checkpoint costs its headers. Anything unreadable gives null: the caller then keeps the file.
/// </summary>
public static class CheckpointIdentity
{
    public static CheckpointMetadata? TryRead(string archivePath, ArchiveRules? rules = null)
    {
        rules ??= ArchiveRules.Default;
        try
        {
            using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            return Read(new TarReader(file), rules);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // TarReader throws many types on a damaged file (see TarFailures); all mean "cannot tell".
            return null;
        }
    }

    private static CheckpointMetadata? Read(TarReader tar, ArchiveRules rules)
    {
        byte[]? config = null, spec = null;
        var hasStatus = false;
        for (var count = 0; count < rules.MaxEntryCount && tar.GetNextEntry() is { } entry; count++)
        {
            switch (EntryPath.Normalize(entry.Name, rules.MaxNameLength))
            {
                case CheckpointArchiveFiles.ConfigDump:
                    config = Small(entry, rules);
                    break;
                case CheckpointArchiveFiles.SpecDump:
                    spec = Small(entry, rules);
                    break;
                case CheckpointArchiveFiles.ContainerdStatus:
                    hasStatus = ArchiveEntry.IsRegular(entry.EntryType);
                    break;
            }
        }

        return config is null || spec is null ? null : CheckpointMetadata.From(ContainerConfigDump.Parse(config), SpecDump.Parse(spec), hasStatus);
    }

    private static byte[]? Small(TarEntry entry, ArchiveRules rules)
    {
        if (!ArchiveEntry.IsRegular(entry.EntryType) || entry.Length > rules.MaxMetadataFileSize || entry.DataStream is null)
        {
            return null;
        }

        var data = new byte[entry.Length];
        entry.DataStream.ReadExactly(data);
        return data;
    }
}
