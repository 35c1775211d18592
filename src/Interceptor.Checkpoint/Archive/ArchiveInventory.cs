using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Everything learnt while streaming an archive: accepted entries, their types, symbolic links for
/// the whole-archive checks, and the small metadata files. Each entry is checked as it arrives and
/// its data read to the end, so nothing but metadata is held in memory.
/// </summary>
/// <param name="nested">The rootfs-diff.tar inside a checkpoint: the same rules, but its files are the workload's, none is metadata.</param>
internal sealed class ArchiveInventory(ArchiveRules rules, MeteredStream input, EntryHead? keepHead = null, bool nested = false)
{
    private const int DrainBufferSize = 64 * 1024;

    private readonly Dictionary<string, TarEntryType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _symlinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _metadata = new(StringComparer.Ordinal);
    private readonly List<ArchiveEntry> _entries = [];
    private readonly byte[] _drainBuffer = new byte[DrainBufferSize];
    private int _count;

    /// <summary>The last entry's name as the archive wrote it, for errors found between entries.</summary>
    public string? LastEntryName { get; private set; }

    /// <summary>Offset of the last returned entry's own header block (-1 before the first).</summary>
    public long LastEntryHeaderAt { get; private set; } = -1;

    public int Count => _count;

    public IReadOnlyList<ArchiveEntry> Entries => _entries;

    public IReadOnlyDictionary<string, TarEntryType> Types => _types;

    /// <summary>Symbolic links by normalised name, with their targets as written.</summary>
    public IReadOnlyDictionary<string, string> Symlinks => _symlinks;

    public byte[]? Metadata(string fileName) => _metadata.GetValueOrDefault(fileName);

    /// <summary>The first bytes of the entry <see cref="EntryHead"/> asked for, once it has been read.</summary>
    public byte[]? Head { get; private set; }

    public async Task AddAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        LastEntryName = entry.Name;
        LastEntryHeaderAt = input.Framing?.LastHeaderAt ?? -1;
        if (++_count > rules.MaxEntryCount)
        {
            throw new CheckpointArchiveException(ArchiveRule.TooManyEntries, entry.Name, $"more than {rules.MaxEntryCount} entries");
        }

        // The type first: it needs no trust in the name, and a PAX global header has a made-up one.
        EntryHeaderChecks.CheckType(entry, entry.Name, rules);
        var name = EntryPath.Normalize(entry.Name, rules.MaxNameLength);
        EntryHeaderChecks.CheckSize(entry, name, rules, input.BytesRead, IsMetadata(name));
        EntryHeaderChecks.CheckMode(entry, name);
        if (name.Length == 0)
        {
            // "./" is how engines write the archive root; it names nothing to extract.
            EnsureRootIsDirectory(entry);
            return;
        }

        if (_types.ContainsKey(name))
        {
            throw new CheckpointArchiveException(ArchiveRule.DuplicateEntry, name, "a second entry with this path; it would replace the first after that was checked");
        }

        var target = CheckLink(entry, name);
        _types.Add(name, entry.EntryType);
        var length = await ReadDataAsync(entry, name, cancellationToken).ConfigureAwait(false);
        _entries.Add(new ArchiveEntry(name, entry.EntryType, length, target));
    }

    private static void EnsureRootIsDirectory(TarEntry entry)
    {
        if (entry.EntryType != TarEntryType.Directory)
        {
            throw new CheckpointArchiveException(ArchiveRule.InvalidName, entry.Name, $"a {entry.EntryType} named as the archive root");
        }
    }

    private string? CheckLink(TarEntry entry, string name)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink:
                LinkTargets.ResolveSymlink(name, entry.LinkName, rules.MaxNameLength);
                _symlinks.Add(name, entry.LinkName);
                return entry.LinkName;
            case TarEntryType.HardLink:
                var target = LinkTargets.NormalizeHardLink(name, entry.LinkName, rules.MaxNameLength);
                if (!_types.TryGetValue(target, out var type) || !ArchiveEntry.IsRegular(type))
                {
                    throw new CheckpointArchiveException(ArchiveRule.LinkOutsideArchive, name, $"the hard link target '{entry.LinkName}' is not an earlier regular file of the archive");
                }

                return entry.LinkName;
            default:
                return null;
        }
    }

    private bool IsMetadata(string name) => !nested && EntryHeaderChecks.MetadataFiles.Contains(name);

    private async Task<long> ReadDataAsync(TarEntry entry, string name, CancellationToken cancellationToken)
    {
        if (!nested && name == CheckpointArchiveFiles.RootfsDiffTar && ArchiveEntry.IsRegular(entry.EntryType))
        {
            return await RootfsDiff.VerifyAsync(entry, name, rules, cancellationToken).ConfigureAwait(false);
        }

        if (!IsMetadata(name) || !ArchiveEntry.IsRegular(entry.EntryType))
        {
            var head = keepHead is not null && name == keepHead.EntryName && ArchiveEntry.IsRegular(entry.EntryType)
                ? Head = new byte[Math.Min(keepHead.Bytes, entry.Length)]
                : null;
            return await EntryData.DrainAsync(entry, name, _drainBuffer, cancellationToken, head).ConfigureAwait(false);
        }

        var data = await EntryData.ReadAllAsync(entry, name, cancellationToken).ConfigureAwait(false);
        _metadata[name] = data;
        return data.Length;
    }
}
