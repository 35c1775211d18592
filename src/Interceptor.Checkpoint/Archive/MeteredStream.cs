namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The read-only, non-seekable view TarReader gets of the caller's stream. It counts bytes,
/// enforces <see cref="ArchiveRules.MaxTotalSize"/>, remembers the last 512-byte block (to tell
/// an end-of-archive marker from a header TarReader gave up on) and remembers an exception thrown
/// by the source so it is not mistaken for a fault of the archive. Being non-seekable also makes
/// TarReader behave the same for files and network streams.
/// </summary>
internal sealed class MeteredStream(Stream source, long limit, TarFraming? framing = null) : ReadOnlyForwardStream
{
    public const int BlockSize = 512;

    // Ring of the last BlockSize bytes, indexed by absolute offset; tar blocks are aligned, so
    // whenever BytesRead is a multiple of BlockSize it holds exactly the last block.
    private readonly byte[] _lastBlock = new byte[BlockSize];

    public long BytesRead { get; private set; }

    /// <summary>The tar framing followed as bytes pass (null: not followed).</summary>
    public TarFraming? Framing => framing;

    /// <summary>The exception the source stream threw, if any: an I/O failure, not a property of the archive.</summary>
    public Exception? SourceFault { get; private set; }

    /// <summary>Whether the last block read was whole, aligned and all zero: an end-of-archive marker.</summary>
    public bool LastBlockIsZero =>
        BytesRead >= BlockSize && BytesRead % BlockSize == 0 && _lastBlock.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = source.Read(buffer[..Allowed(buffer.Length)]);
        }
        catch (Exception ex)
        {
            SourceFault = ex;
            throw;
        }

        return Record(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await source.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SourceFault = ex;
            throw;
        }

        return Record(buffer.Span[..read]);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Allows one byte past the limit so that exceeding it is seen, not silently cut off.
    private int Allowed(int requested)
    {
        if (BytesRead > limit)
        {
            throw new ArchiveLimitExceededException(limit);
        }

        return (int)Math.Min(requested, limit + 1 - BytesRead);
    }

    private int Record(ReadOnlySpan<byte> data)
    {
        var keep = data[Math.Max(0, data.Length - BlockSize)..];
        var offset = BytesRead + (data.Length - keep.Length);
        foreach (var b in keep)
        {
            _lastBlock[offset++ % BlockSize] = b;
        }

        var start = BytesRead;
        BytesRead += data.Length;
        framing?.Observe(start, data);
        if (BytesRead > limit)
        {
            throw new ArchiveLimitExceededException(limit);
        }

        return data.Length;
    }
}
