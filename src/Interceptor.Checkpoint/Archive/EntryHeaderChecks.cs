using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Checks decided from an entry's header alone, before any of its data is read, so an oversized
/// or forbidden entry costs nothing to refuse.
/// </summary>
internal static class EntryHeaderChecks
{
    // GNU sparse 1.0 travels as a regular file with these PAX keys; newer runtimes expand its data
    // to the declared real size, a decompression bomb in a 512-byte header.
    private const string GnuSparsePrefix = "GNU.sparse.";

    /// <summary>The files read into memory to be parsed; everything else is only streamed and counted.</summary>
    public static readonly IReadOnlySet<string> MetadataFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        CheckpointArchiveFiles.ConfigDump,
        CheckpointArchiveFiles.SpecDump,
        CheckpointArchiveFiles.BindMounts,
        CheckpointArchiveFiles.DeletedFiles,
    };

    public static void CheckType(TarEntry entry, string name, ArchiveRules rules)
    {
        if (entry.EntryType is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            throw new CheckpointArchiveException(ArchiveRule.DeviceFile, name, $"a {entry.EntryType} entry; device files are never accepted");
        }

        if (!rules.AllowedEntryTypes.Contains(entry.EntryType))
        {
            throw new CheckpointArchiveException(ArchiveRule.DisallowedEntryType, name, $"entries of type {entry.EntryType} are not allowed");
        }

        if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(k => k.StartsWith(GnuSparsePrefix, StringComparison.Ordinal)))
        {
            throw new CheckpointArchiveException(ArchiveRule.DisallowedEntryType, name, "a GNU sparse file; its stored data does not match its size");
        }
    }

    /// <summary>
    /// Setuid anywhere and setgid on anything but a directory: restored, such a file runs as its owner or group.
    /// A setgid directory only passes its group on to new files, which grants nothing.
    /// </summary>
    public static void CheckMode(TarEntry entry, string name)
    {
        var setGroupMatters = entry.EntryType != TarEntryType.Directory;
        if ((entry.Mode & UnixFileMode.SetUser) != 0 || (setGroupMatters && (entry.Mode & UnixFileMode.SetGroup) != 0))
        {
            throw new CheckpointArchiveException(ArchiveRule.PrivilegedMode, name, $"mode {Convert.ToString((int)entry.Mode, 8)} has the setuid or setgid bit");
        }
    }

    public static void CheckSize(TarEntry entry, string name, ArchiveRules rules, long bytesReadSoFar, bool isMetadata)
    {
        if (entry.Length > rules.MaxEntrySize)
        {
            throw new CheckpointArchiveException(ArchiveRule.EntryTooLarge, name, $"declares {entry.Length} bytes; the limit is {rules.MaxEntrySize}");
        }

        if (isMetadata && entry.Length > rules.MaxMetadataFileSize)
        {
            throw new CheckpointArchiveException(ArchiveRule.EntryTooLarge, name, $"a metadata file of {entry.Length} bytes; the limit is {rules.MaxMetadataFileSize}");
        }

        if (bytesReadSoFar + entry.Length > rules.MaxTotalSize)
        {
            throw new CheckpointArchiveException(ArchiveRule.ArchiveTooLarge, name, $"its {entry.Length} bytes after {bytesReadSoFar} already read pass the limit of {rules.MaxTotalSize}");
        }
    }
}
