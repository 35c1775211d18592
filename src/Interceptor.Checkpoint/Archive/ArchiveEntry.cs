using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>One accepted entry of a checkpoint archive.</summary>
/// <param name="Name">Normalised: no leading "./", no trailing '/', segments joined by '/'.</param>
/// <param name="Length">Bytes of data, all of which were read.</param>
/// <param name="LinkTarget">For links, the target as written in the archive (already checked to stay inside it).</param>
public sealed record ArchiveEntry(string Name, TarEntryType Type, long Length, string? LinkTarget = null)
{
    public bool IsRegularFile => IsRegular(Type);

    /// <summary>The types whose data is the file's content.</summary>
    public static bool IsRegular(TarEntryType type) =>
        type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
}
