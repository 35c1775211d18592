using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Reads an entry's data and proves it was all there. TarReader does not: when the stream ends
/// inside an entry's data, its data stream simply ends early, so the bytes are counted here.
/// </summary>
internal static class EntryData
{
    /// <summary>Reads a (size-checked) metadata file into memory.</summary>
    public static async Task<byte[]> ReadAllAsync(TarEntry entry, string name, CancellationToken cancellationToken)
    {
        var data = new byte[entry.Length];
        var read = entry.DataStream is null
            ? 0
            : await entry.DataStream.ReadAtLeastAsync(data, data.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        EnsureWhole(name, read, entry.Length);
        return data;
    }

    /// <summary>
    /// Streams the data through <paramref name="buffer"/> without keeping it, except its first bytes into
    /// <paramref name="head"/> when given, and returns its length.
    /// </summary>
    public static async Task<long> DrainAsync(TarEntry entry, string name, byte[] buffer, CancellationToken cancellationToken, byte[]? head = null)
    {
        long total = 0;
        if (entry.DataStream is { } data)
        {
            if (head is not null)
            {
                total = await data.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }

            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }

        EnsureWhole(name, total, entry.Length);
        return total;
    }

    public static void EnsureWhole(string name, long read, long declared)
    {
        if (read != declared)
        {
            throw new CheckpointArchiveException(ArchiveRule.Truncated, name, $"the data ends after {read} of its {declared} bytes");
        }
    }
}
