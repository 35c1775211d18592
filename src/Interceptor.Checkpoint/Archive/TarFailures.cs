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

    public static CheckpointArchiveException Translate(Exception exception, MeteredStream input, string? lastEntry)
    {
        var where = lastEntry is null ? "before the first entry" : "after this entry";
        return exception switch
        {
            ArchiveLimitExceededException limit => new(ArchiveRule.ArchiveTooLarge, lastEntry, $"the stream is longer than {limit.Limit} bytes"),
            EndOfStreamException when input.BytesRead == 0 => new(ArchiveRule.Empty, null, "the stream holds no bytes", exception),
            EndOfStreamException => new(ArchiveRule.Truncated, lastEntry, $"the stream ends at byte {input.BytesRead}, inside a header or padding {where}", exception),
            _ => new(ArchiveRule.Corrupt, lastEntry, $"not a valid tar archive at byte {input.BytesRead}, {where}: {exception.GetType().Name}: {exception.Message}", exception),
        };
    }
}
