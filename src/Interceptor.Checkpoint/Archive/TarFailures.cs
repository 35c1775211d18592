namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Turns whatever TarReader throws on hostile bytes into one <see cref="CheckpointArchiveException"/>.
/// TarReader is not consistent about it: EndOfStreamException for a short stream (even a 0-byte
/// one), InvalidDataException for bad fields, InvalidOperationException for oversized metadata
/// headers, NotSupportedException for some entry types, ArgumentOutOfRangeException for absurd
/// timestamps, OutOfMemoryException when a header's declared size cannot be allocated. So every
/// exception is translated except the source stream's own failures and cancellation, which say
/// nothing about the archive and stay retryable.
/// </summary>
internal static class TarFailures
{
    public static bool IsArchiveFault(Exception exception, MeteredStream input) =>
        exception is not (CheckpointArchiveException or OperationCanceledException)
        && !ReferenceEquals(exception, input.SourceFault);

    public static CheckpointArchiveException Translate(Exception exception, MeteredStream input, ArchiveInventory inventory)
    {
        var (entry, where) = Locate(input, inventory);
        return exception switch
        {
            ArchiveLimitExceededException limit => new(ArchiveRule.ArchiveTooLarge, inventory.LastEntryName, $"the stream is longer than {limit.Limit} bytes"),
            EndOfStreamException when input.BytesRead == 0 => new(ArchiveRule.Empty, null, "the stream holds no bytes", exception),
            EndOfStreamException => new(ArchiveRule.Truncated, entry, $"the stream ends at byte {input.BytesRead}, {where}", exception),
            _ => new(ArchiveRule.Corrupt, entry, $"not a valid tar archive at byte {input.BytesRead}, {where}: {exception.GetType().Name}: {exception.Message}", exception),
        };
    }

    /// <summary>
    /// The entry a fault belongs to. TarReader throws while reading the next header, so "the last entry it
    /// returned" names the one before the bad one; when a header block began after that entry's, it is the
    /// bad one: named by its header (null if the block is not a header at all) and its offset.
    /// </summary>
    public static (string? Entry, string Where) Locate(MeteredStream input, ArchiveInventory inventory)
    {
        if (input.Framing is { LastHeaderAt: var at } framing && at > inventory.LastEntryHeaderAt)
        {
            return (framing.LastHeaderName, $"in the header at byte {at}");
        }

        if (input.Framing?.PartialHeaderAt is { } partial)
        {
            return (inventory.LastEntryName, $"inside the header at byte {partial}, after this entry");
        }

        return (inventory.LastEntryName, inventory.LastEntryName is null ? "before the first entry" : "inside the padding or header after this entry");
    }
}
