namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Proves the archive ended where TarReader says it did. TarReader returns "no more entries" both
/// for a real end-of-archive marker and for a header whose checksum field is blank, and it reads
/// only the first of the marker's two zero blocks. So: the block it stopped at must be all zeros,
/// and what follows must be zeros too (the second block, then any record padding), at least one block.
/// </summary>
internal static class EndOfArchive
{
    public static async Task VerifyAsync(MeteredStream input, ArchiveInventory inventory, CancellationToken cancellationToken)
    {
        var lastEntry = inventory.LastEntryName;
        // IMPORTANT: this relies on TarReader consuming exactly one 512-byte block when it returns
        // null; the end-of-archive tests fail if a runtime ever reads the second block as well.
        if (!input.LastBlockIsZero)
        {
            throw new CheckpointArchiveException(
                ArchiveRule.Corrupt,
                TarFailures.Locate(input, inventory).Entry,
                $"the block at byte {Math.Max(0, input.BytesRead - MeteredStream.BlockSize)} is neither a header nor an end-of-archive marker (blank or zero checksum); TarReader stops there as if the archive had ended");
        }

        var (zeros, nonZeroAt) = await ReadTrailerAsync(input, cancellationToken).ConfigureAwait(false);
        if (nonZeroAt is { } offset)
        {
            throw new CheckpointArchiveException(ArchiveRule.Corrupt, lastEntry, $"data follows the end-of-archive marker at byte {offset}");
        }

        if (zeros < MeteredStream.BlockSize)
        {
            throw new CheckpointArchiveException(ArchiveRule.Truncated, lastEntry, $"the end-of-archive marker is cut short: {zeros} of the second block's {MeteredStream.BlockSize} zero bytes");
        }
    }

    private static async Task<(long Zeros, long? NonZeroAt)> ReadTrailerAsync(MeteredStream input, CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        long zeros = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var nonZero = buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                return (zeros, input.BytesRead - read + nonZero);
            }

            zeros += read;
        }

        return (zeros, null);
    }
}
