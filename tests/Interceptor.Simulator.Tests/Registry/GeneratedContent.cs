using System.Net;
using System.Security.Cryptography;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// A request body of <paramref name="length"/> bytes produced on the fly from a repeating random pattern and
/// hashed as it goes out, so a test can push hundreds of MiB without holding them: whatever memory grows during
/// the push is the server's doing, not the client's.
/// </summary>
public sealed class GeneratedContent(ReadOnlyMemory<byte> pattern, long offset, long length, IncrementalHash hash) : HttpContent
{
    /// <summary>A pattern whose length is not a power of two, so chunks do not line up with it.</summary>
    public static byte[] Pattern() => RandomNumberGenerator.GetBytes((1 << 20) + 7);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var position = offset;
        var end = offset + length;
        while (position < end)
        {
            var start = (int)(position % pattern.Length);
            var slice = pattern.Slice(start, (int)Math.Min(end - position, pattern.Length - start));
            hash.AppendData(slice.Span);
            await stream.WriteAsync(slice);
            position += slice.Length;
        }
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
