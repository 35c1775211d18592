using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Interceptor.Checkpoint.Images;

/// <summary>OCI content digests: only sha256, written <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static partial class OciDigest
{
    public const string Sha256Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    public static string Format(ReadOnlySpan<byte> sha256) => Sha256Prefix + Convert.ToHexStringLower(sha256);

    /// <summary>True for a well-formed sha256 digest; anything else from a registry is a protocol error.</summary>
    public static bool IsValid(string? digest) => digest is not null && Sha256Pattern().IsMatch(digest);

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
