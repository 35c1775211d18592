using System.Buffers.Binary;
using System.Text;
using Interceptor.Checkpoint.Archive;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The simulated process memory in a checkpoint's CRIU pages image (<c>checkpoint/pages-1.img</c>): a header that
/// carries the counter, then filler bytes up to the configured memory size, zeros (compressible) or seeded random
/// bytes (incompressible). The header is what a restore reads back.
/// </summary>
public static class ProcessImage
{
    /// <summary>The pages image inside the archive.</summary>
    public const string PagesEntry = "checkpoint/pages-1.img";

    /// <summary>Magic (8 bytes) then the counter (int64, little-endian).</summary>
    public const int HeaderSize = 16;

    /// <summary>What to ask the archive reader to keep so the counter is read in the same pass that checks the archive.</summary>
    public static readonly EntryHead Header = new(PagesEntry, HeaderSize);

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ICSIMCTR");

    /// <summary>A seekable stream of <paramref name="length"/> bytes: the header for <paramref name="counter"/>, then filler.</summary>
    public static Stream Create(long counter, long length, bool random)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), counter);
        return new FillerStream(header, length, random ? counter ^ length : null);
    }

    /// <summary>The counter in a pages image's first bytes, or null when they are not a simulated process.</summary>
    public static long? ReadCounter(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderSize && header[..Magic.Length].SequenceEqual(Magic)
            ? BinaryPrimitives.ReadInt64LittleEndian(header[8..HeaderSize])
            : null;
}
