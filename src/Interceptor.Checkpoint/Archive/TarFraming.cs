using System.Text;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Follows the tar framing (header, data, padding, next header) in the bytes as <see cref="MeteredStream"/>
/// hands them to TarReader, independently of TarReader. Two uses: (1) an extended header (PAX 'x' or 'g',
/// GNU long name 'L' or long link 'K') whose declared size passes <see cref="ArchiveRules.MaxExtendedHeaderSize"/>
/// is refused when its header block arrives, before TarReader allocates and reads the whole record (.NET 10's
/// TarReader does: a 256 MiB "path" record cost 0.8 GB); (2) when TarReader throws, the header it was reading
/// is known, so the error names that entry and its offset rather than the entry before it.
/// It reads the size fields only; a PAX "size" record, which overrides the next header's size, is honoured,
/// the PAX data being small once capped. A header it cannot parse stops it: TarReader refuses that one anyway.
/// </summary>
internal sealed class TarFraming(ArchiveRules rules)
{
    private const int Block = MeteredStream.BlockSize;
    private const int TypeFlagOffset = 156;

    private readonly byte[] _header = new byte[Block];
    private int _headerFill;
    private long _nextHeaderAt;
    private byte[]? _pax;
    private long _paxAt;
    private long? _paxSize;
    private bool _stopped;

    /// <summary>Offset of the last header block seen whole; -1 before the first.</summary>
    public long LastHeaderAt { get; private set; } = -1;

    /// <summary>The ustar name field of that header, as written (a PAX header's own made-up name for 'x').</summary>
    public string? LastHeaderName { get; private set; }

    /// <summary>Offset of a header block begun but not yet whole, if the stream stopped inside one.</summary>
    public long? PartialHeaderAt => _headerFill > 0 ? _nextHeaderAt : null;

    public void Observe(long offset, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !_stopped)
        {
            var step = offset < _nextHeaderAt ? DataPart(offset, data) : HeaderPart(data);
            offset += step;
            data = data[step..];
        }
    }

    private int DataPart(long offset, ReadOnlySpan<byte> data)
    {
        var step = (int)Math.Min(data.Length, _nextHeaderAt - offset);
        if (_pax is not null && offset - _paxAt < _pax.Length)
        {
            var at = (int)(offset - _paxAt);
            var count = Math.Min(step, _pax.Length - at);
            data[..count].CopyTo(_pax.AsSpan(at));
        }

        return step;
    }

    private int HeaderPart(ReadOnlySpan<byte> data)
    {
        var step = Math.Min(Block - _headerFill, data.Length);
        data[..step].CopyTo(_header.AsSpan(_headerFill));
        _headerFill += step;
        if (_headerFill == Block)
        {
            _headerFill = 0;
            OnHeader();
        }

        return step;
    }

    private void OnHeader()
    {
        var at = _nextHeaderAt;
        TakePaxSize();
        if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            _stopped = true; // the end marker: what follows is EndOfArchive's business
            return;
        }

        LastHeaderAt = at;
        if (!TryParseSize(_header.AsSpan(124, 12), out var size))
        {
            // Not a header (random bytes, text, gzip): TarReader refuses it too. Its "name" would be noise.
            LastHeaderName = null;
            _stopped = true;
            return;
        }

        LastHeaderName = UstarName();
        var type = (char)_header[TypeFlagOffset];
        if (type is 'x' or 'g' or 'L' or 'K')
        {
            CheckExtendedSize(type, size, at);
            _pax = type == 'x' ? new byte[size] : null;
            _paxAt = at + Block;
        }
        else
        {
            size = _paxSize ?? size;
            _paxSize = null;
        }

        _nextHeaderAt = at + Block + ((size + Block - 1) / Block * Block);
    }

    private void CheckExtendedSize(char type, long size, long at)
    {
        if (size > rules.MaxExtendedHeaderSize)
        {
            var kind = type is 'x' or 'g' ? "PAX extended" : "GNU long name";
            throw new CheckpointArchiveException(ArchiveRule.ExtendedHeaderTooLarge, LastHeaderName,
                $"a {kind} header of {size} bytes at byte {at}; the limit is {rules.MaxExtendedHeaderSize}, checked before it is read");
        }
    }

    // PAX records are "<length> <key>=<value>\n"; only "size" matters to the framing.
    private void TakePaxSize()
    {
        if (_pax is null)
        {
            return;
        }

        foreach (var record in Encoding.UTF8.GetString(_pax).Split('\n'))
        {
            var space = record.IndexOf(' ');
            if (space > 0 && record[(space + 1)..].StartsWith("size=", StringComparison.Ordinal)
                && long.TryParse(record.AsSpan(space + 6), out var size) && size >= 0)
            {
                _paxSize = size;
            }
        }

        _pax = null;
    }

    // Octal digits padded with spaces or NULs, or GNU base-256 (high bit of the first byte set).
    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80 || field[1..4].IndexOfAnyExcept((byte)0) >= 0)
            {
                return false;
            }

            foreach (var b in field[4..])
            {
                size = (size << 8) | b;
            }

            return size >= 0;
        }

        var digits = field.Trim(" \0"u8);
        if (digits.Length is 0 or > 11 || digits.IndexOfAnyExcept("01234567"u8) >= 0)
        {
            return false;
        }

        foreach (var d in digits)
        {
            size = (size * 8) + (d - '0');
        }

        return true;
    }

    private string UstarName()
    {
        var name = Field(0, 100);
        var prefix = Field(345, 155);
        return prefix.Length > 0 && _header[257..262].AsSpan().SequenceEqual("ustar"u8) ? $"{prefix}/{name}" : name;
    }

    private string Field(int offset, int length)
    {
        var field = _header.AsSpan(offset, length);
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
