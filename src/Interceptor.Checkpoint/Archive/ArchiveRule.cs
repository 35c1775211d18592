namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The rule a checkpoint archive broke. Every rejection carries exactly one, so callers and tests
/// can tell a hostile archive (paths, links, devices) from a damaged one (truncated, corrupt) or
/// an unusable one (missing or invalid metadata) without parsing messages.
/// </summary>
public enum ArchiveRule
{
    /// <summary>An entry name starts with '/'.</summary>
    AbsolutePath,

    /// <summary>An entry name has a '..' segment.</summary>
    ParentTraversal,

    /// <summary>An entry name (or link target) is empty, too long, or holds NUL or '\'.</summary>
    InvalidName,

    /// <summary>A symbolic or hard link whose target is absolute, escapes the archive root, or (hard link) names no earlier regular file.</summary>
    LinkOutsideArchive,

    /// <summary>A symbolic link whose target passes through another symbolic link of the archive; lexical resolution cannot prove where it lands.</summary>
    LinkThroughLink,

    /// <summary>An entry lies under a path that the archive makes a file or a link rather than a directory.</summary>
    ParentNotDirectory,

    /// <summary>A character or block device entry.</summary>
    DeviceFile,

    /// <summary>An entry type outside <see cref="ArchiveRules.AllowedEntryTypes"/> (FIFO, sparse, PAX global header, ...).</summary>
    DisallowedEntryType,

    /// <summary>An entry larger than <see cref="ArchiveRules.MaxEntrySize"/>, or a metadata file larger than <see cref="ArchiveRules.MaxMetadataFileSize"/>.</summary>
    EntryTooLarge,

    /// <summary>The archive stream is longer than <see cref="ArchiveRules.MaxTotalSize"/>.</summary>
    ArchiveTooLarge,

    /// <summary>More entries than <see cref="ArchiveRules.MaxEntryCount"/>.</summary>
    TooManyEntries,

    /// <summary>Two entries normalise to the same path; a later one could replace an entry already checked.</summary>
    DuplicateEntry,

    /// <summary>The stream ends before the archive does: inside a header, inside an entry's data, or before the end-of-archive marker.</summary>
    Truncated,

    /// <summary>The stream holds no bytes, or an archive with no entries.</summary>
    Empty,

    /// <summary>The bytes are not a well-formed tar archive (bad header, blank checksum, data after the end marker, ...).</summary>
    Corrupt,

    /// <summary>config.dump, spec.dump or the checkpoint/ directory is missing, or is not of the expected type.</summary>
    MissingRequiredEntry,

    /// <summary>config.dump, spec.dump or bind.mounts is not the JSON a container engine writes, or names a pod, namespace or container Kubernetes would not accept.</summary>
    InvalidMetadata,

    /// <summary>A PAX extended header or GNU long name/link record larger than <see cref="ArchiveRules.MaxExtendedHeaderSize"/>, refused before it is read.</summary>
    ExtendedHeaderTooLarge,

    /// <summary>An entry whose mode has the setuid or setgid bit: restored, it would run with another identity.</summary>
    PrivilegedMode,
}
