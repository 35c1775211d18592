using System.Globalization;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// The one byte range of a blob GET's <c>Range: bytes=...</c> (RFC 9110), so an interrupted pull resumes.
/// Several ranges, or another unit, are answered with the whole blob, which RFC 9110 allows.
/// </summary>
internal readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>The range to send, null for the whole blob; <paramref name="satisfiable"/> false means 416.</summary>
    public static ByteRange? Resolve(string? header, long size, out bool satisfiable)
    {
        satisfiable = true;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(','))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var (first, last) = (spec[..dash], spec[(dash + 1)..]);
        ByteRange? range = (Number(first), Number(last)) switch
        {
            // bytes=-N: the last N bytes.
            (null, { } suffix) when first.Length == 0 && suffix > 0 => new ByteRange(Math.Max(0, size - suffix), size - 1),
            ({ } start, null) when last.Length == 0 => new ByteRange(start, size - 1),
            ({ } start, { } end) when end >= start => new ByteRange(start, Math.Min(end, size - 1)),
            _ => null,
        };
        if (range is { } r && (r.Start >= size || size == 0))
        {
            satisfiable = false;
            return null;
        }

        return range;
    }

    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
