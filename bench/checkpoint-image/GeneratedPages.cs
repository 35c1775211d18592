namespace Interceptor.CheckpointImageBench;

/// <summary>
/// A read-only stream of synthetic process memory, produced as it is read (never held whole).
/// Random: every byte from a seeded generator, incompressible. Compressible: per 4 KiB page, 4 in 10
/// zero pages, 3 in 10 a repeated 64-byte record (heap-like), 3 in 10 random, which roughly matches
/// what CRIU dumps of a warmed-up service look like to a compressor.
/// </summary>
internal sealed class GeneratedPages(long length, bool compressible, int seed) : Stream
{
    private const int Page = 4096;
    private readonly Random _random = new(seed);
    private readonly byte[] _page = new byte[Page];
    private long _position;
    private int _pageOffset = Page;

    public override bool CanRead => true;
    // Seekable in name only (it reports its length and stays where it is) so TarWriter streams it
    // instead of copying an unseekable stream into memory first to learn its size.
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && _position < length)
        {
            if (_pageOffset == Page)
            {
                FillPage(_position / Page);
            }

            var take = (int)Math.Min(Math.Min(buffer.Length - total, Page - _pageOffset), length - _position);
            _page.AsSpan(_pageOffset, take).CopyTo(buffer[total..]);
            _pageOffset += take;
            _position += take;
            total += take;
        }

        return total;
    }

    private void FillPage(long index)
    {
        _pageOffset = 0;
        var kind = compressible ? (int)(index % 10) : 9;
        if (kind < 4)
        {
            Array.Clear(_page);
        }
        else if (kind < 7)
        {
            Span<byte> record = stackalloc byte[64];
            BitConverter.TryWriteBytes(record, index);
            "session=ok;user=bench;cache=warm;counter="u8.CopyTo(record[8..]);
            for (var i = 0; i < Page; i += record.Length)
            {
                record.CopyTo(_page.AsSpan(i));
            }
        }
        else
        {
            _random.NextBytes(_page);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };
        return target == _position ? _position : throw new NotSupportedException("generated pages are read forward only");
    }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
