using System.Text;
using System.Text.RegularExpressions;

namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// The checksum file next to a shared-volume archive, in <c>sha256sum</c> format
/// (<c>{64 hex}  checkpoint.tar</c>), so an operator can check a copy with <c>sha256sum -c</c>.
/// </summary>
public static partial class ChecksumFile
{
    private const int MaxBytes = 4096;

    public static string Format(string hexDigest) => $"{hexDigest}  {SharedVolumeLayout.ArchiveFileName}\n";

    /// <summary>The lower-case hex digest, or null when the file does not hold exactly one line for the archive.</summary>
    public static async Task<string?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var buffer = new byte[MaxBytes + 1];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read > MaxBytes)
        {
            return null;
        }

        var match = Line().Match(Encoding.ASCII.GetString(buffer, 0, read));
        return match.Success ? match.Groups["hex"].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^(?<hex>[0-9a-fA-F]{64})  \\*?checkpoint\\.tar\\n?$")]
    private static partial Regex Line();
}
