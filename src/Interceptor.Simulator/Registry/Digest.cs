using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// A content digest, <c>algorithm:encoded</c> (OCI image-spec descriptor.md). Only the two registered algorithms
/// are accepted, each with its fixed lower-case hex length, because the registry must recompute them.
/// </summary>
internal readonly partial record struct Digest(string Algorithm, string Encoded)
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    public override string ToString() => Algorithm + ":" + Encoded;

    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (text is null || !Grammar().IsMatch(text))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        var (algorithm, encoded) = (text[..colon], text[(colon + 1)..]);
        if (EncodedLength(algorithm) is not { } length || encoded.Length != length || !LowerHex().IsMatch(encoded))
        {
            return false;
        }

        digest = new Digest(algorithm, encoded);
        return true;
    }

    /// <summary>The digest in <paramref name="text"/>, or DIGEST_INVALID naming what was wrong.</summary>
    public static Digest Parse(string? text) =>
        TryParse(text, out var digest) ? digest : throw RegistryErrors.DigestInvalid($"\"{text}\" is not a sha256 or sha512 digest");

    /// <summary>A hash of this digest's algorithm, for hashing content while it streams.</summary>
    public static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unsupported digest algorithm"),
    };

    public static Digest FromHash(string algorithm, byte[] hash) => new(algorithm, Convert.ToHexStringLower(hash));

    /// <summary>The digest of bytes already in memory (manifests, which are small and bounded).</summary>
    public static Digest Compute(string algorithm, ReadOnlySpan<byte> content)
    {
        using var hash = CreateHash(algorithm);
        hash.AppendData(content);
        return FromHash(algorithm, hash.GetHashAndReset());
    }

    private static int? EncodedLength(string algorithm) => algorithm switch
    {
        Sha256 => 64,
        Sha512 => 128,
        _ => null,
    };

    // descriptor.md: algorithm-component ([a-z0-9]+) joined by [+._-], then ':' and [a-zA-Z0-9=_-]+.
    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    [GeneratedRegex("^[a-f0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerHex();
}
