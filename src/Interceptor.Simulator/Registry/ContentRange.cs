using System.Globalization;
using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// A chunk's <c>Content-Range: &lt;start&gt;-&lt;end&gt;</c> (inclusive on both ends, the spec's
/// <c>^[0-9]+-[0-9]+$</c>; no "bytes" unit, unlike HTTP's own Content-Range).
/// </summary>
internal readonly partial record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>The range, null when the header is absent, BLOB_UPLOAD_INVALID when it is malformed.</summary>
    public static ContentRange? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var match = Grammar().Match(header);
        if (!match.Success
            || !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            throw RegistryErrors.UploadInvalid($"Content-Range \"{header}\" is not <start>-<end> with start <= end");
        }

        return new ContentRange(start, end);
    }

    [GeneratedRegex("^([0-9]+)-([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
