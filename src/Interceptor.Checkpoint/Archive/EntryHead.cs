namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The first bytes of one entry to keep while the archive is read and checked, for a caller that needs a header of
/// the data (a restore reads the process image's header) without reading the archive a second time.
/// </summary>
/// <param name="EntryName">The entry's normalised path, e.g. <c>checkpoint/pages-1.img</c>.</param>
/// <param name="Bytes">How many bytes to keep at most; the entry may be shorter.</param>
public sealed record EntryHead(string EntryName, int Bytes)
{
    /// <summary>A head is small by definition: it is held in memory while the rest streams.</summary>
    public const int MaxBytes = 64 * 1024;
}
