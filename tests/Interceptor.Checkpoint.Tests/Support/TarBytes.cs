using System.Text;

namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// Raw byte surgery on archives TarWriter produced, for damage TarWriter will not write:
/// truncation, blanked checksums, trailing data. Only header offsets are located here.
/// </summary>
internal static class TarBytes
{
    public const int Block = 512;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeFlagOffset = 156;

    /// <summary>Offset of the main header block (not a PAX 'x' header) whose name field is <paramref name="name"/>.</summary>
    public static int HeaderOffset(byte[] archive, string name)
    {
        var wanted = Encoding.UTF8.GetBytes(name + "\0");
        for (var offset = 0; offset + Block <= archive.Length; offset += Block)
        {
            if (archive.AsSpan(offset, wanted.Length).SequenceEqual(wanted) && archive[offset + TypeFlagOffset] != (byte)'x')
            {
                return offset;
            }
        }

        throw new InvalidOperationException($"no header named {name}");
    }

    /// <summary>Offset of the end-of-archive marker TarWriter wrote (two zero blocks at the end).</summary>
    public static int EndMarkerOffset(byte[] archive) => archive.Length - 2 * Block;

    public static byte[] Cut(byte[] archive, int length) => archive[..length];

    public static byte[] BlankChecksum(byte[] archive, int headerOffset)
    {
        var copy = (byte[])archive.Clone();
        copy.AsSpan(headerOffset + ChecksumOffset, ChecksumLength).Clear();
        return copy;
    }

    public static byte[] Append(byte[] archive, byte[] tail) => [.. archive, .. tail];

    /// <summary>Rewrites a header's octal size field and its checksum, as a hostile writer would.</summary>
    public static byte[] WithDeclaredSize(byte[] archive, int headerOffset, long size)
    {
        var copy = (byte[])archive.Clone();
        var header = copy.AsSpan(headerOffset, Block);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header[124..]);
        header.Slice(ChecksumOffset, ChecksumLength).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[ChecksumOffset..]);
        return copy;
    }
}
