namespace Interceptor.Simulator.Nodes;

/// <summary>
/// A read-only, seekable stream of a fixed length: a header, then zeros or pseudo-random bytes generated on the fly,
/// so a checkpoint of gigabytes never sits in memory. Seekable because TarWriter needs the entry's length up front.
/// </summary>
internal sealed class FillerStream(byte[] header, long length, long? randomSeed) : Stream
{
    private const int BlockSize = 4096;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var done = 0; done < n;)
        {
            done += Fill(buffer[done..n], _position + done);
        }
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Fills from <paramref name="at"/> up to the end of its 4 KiB block; each block's bytes depend only on its index.</summary>
    private int Fill(Span<byte> target, long at)
    {
        var inBlock = (int)(at % BlockSize);
        var n = Math.Min(target.Length, BlockSize - inBlock);
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (randomSeed is { } seed)
        {
            new Random(HashCode.Combine(seed, at / BlockSize)).NextBytes(block);
        }
        if (at < header.Length)
        {
            // The header is shorter than a block, so it lies in block 0.
            header.CopyTo(block);
        }
        block.Slice(inBlock, n).CopyTo(target);
        return n;
    }
}
