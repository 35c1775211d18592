using System.Collections.Frozen;
using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The limits a checkpoint archive must stay within. The defaults fit a kubelet checkpoint of a
/// container with tens of GiB of memory; a caller that knows the pod's memory limit should lower
/// <see cref="MaxEntrySize"/> and <see cref="MaxTotalSize"/> to match.
/// </summary>
public sealed record ArchiveRules
{
    /// <summary>The entry types a kubelet checkpoint uses (regular files and directories) plus links, which are checked.</summary>
    public static readonly IReadOnlySet<TarEntryType> DefaultEntryTypes = new[]
    {
        TarEntryType.RegularFile,
        TarEntryType.V7RegularFile,
        TarEntryType.Directory,
        TarEntryType.SymbolicLink,
        TarEntryType.HardLink,
    }.ToFrozenSet();

    public static ArchiveRules Default { get; } = new();

    /// <summary>Largest data section of one entry. CRIU writes all memory pages of a process into one pages-N.img.</summary>
    public long MaxEntrySize { get; init; } = 32L << 30;

    /// <summary>Largest number of bytes read from the stream: headers, data, padding and end marker.</summary>
    public long MaxTotalSize { get; init; } = 64L << 30;

    /// <summary>Most entries; CRIU writes a handful of images per process, so 100,000 is generous.</summary>
    public int MaxEntryCount { get; init; } = 100_000;

    /// <summary>
    /// Largest config.dump, spec.dump or bind.mounts. These are read into memory to be parsed;
    /// real ones are a few KiB.
    /// </summary>
    public int MaxMetadataFileSize { get; init; } = 1 << 20;

    /// <summary>
    /// Largest PAX extended header (path, linkpath, xattrs of one entry) or GNU long name/link record. .NET's
    /// TarReader reads such a record whole into memory, so it is checked from the header block, before that.
    /// </summary>
    public int MaxExtendedHeaderSize { get; init; } = 64 * 1024;

    /// <summary>Longest entry name or link target, in characters (Linux PATH_MAX).</summary>
    public int MaxNameLength { get; init; } = 4096;

    /// <summary>
    /// Entry types accepted. Character and block devices are refused whatever this holds: a
    /// checkpoint never needs one and restoring one would hand the container a host device.
    /// </summary>
    public IReadOnlySet<TarEntryType> AllowedEntryTypes { get; init; } = DefaultEntryTypes;

    /// <summary>Throws when a limit is not positive, so a misconfiguration fails at start-up rather than on the first archive.</summary>
    public ArchiveRules Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntrySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTotalSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntryCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMetadataFileSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNameLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxExtendedHeaderSize);
        ArgumentNullException.ThrowIfNull(AllowedEntryTypes);
        return this;
    }
}
