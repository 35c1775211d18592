using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Interceptor.Migration;

/// <summary>
/// Names of replacement pods and values of parked labels: deterministic, so a create retried after a crash hits
/// "already exists" instead of making a second pod (STYLE lesson 6), and always valid where Kubernetes puts them.
/// </summary>
internal static class ReplacementNames
{
    /// <summary>A DNS label (RFC 1123): what a pod name must be for its hostname to work.</summary>
    public const int MaxNameLength = 63;

    public const int MaxLabelValueLength = 63;

    /// <summary>
    /// Appended to a parked label's value. A dash never occurs in a pod-template-hash (the ReplicaSet's hash
    /// alphabet has none), so the parked value can match no ReplicaSet of the Deployment.
    /// </summary>
    public const string ParkedSuffix = "-restoring";

    private const string HashAlphabet = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>
    /// <c>{source name}-m{attempt}-{5 characters of a hash of the source UID}</c>, the name cut to fit 63 characters.
    /// The UID hash keeps two incarnations of a same-named source (a recreated bare pod) apart.
    /// </summary>
    public static string For(string sourceName, string sourceUid, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceUid);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var suffix = $"-m{attempt.ToString(CultureInfo.InvariantCulture)}-{UidHash(sourceUid)}";
        var prefix = DnsLabelPrefix(sourceName, MaxNameLength - suffix.Length);
        return prefix.Length == 0 ? suffix[1..] : prefix + suffix;
    }

    /// <summary>A value no selector on the original matches, still a valid label value (at most 63, alphanumeric at both ends).</summary>
    public static string Parked(string original)
    {
        var head = original.Length > MaxLabelValueLength - ParkedSuffix.Length ? original[..(MaxLabelValueLength - ParkedSuffix.Length)] : original;
        head = head.TrimEnd('-', '_', '.');
        return head.Length == 0 ? ParkedSuffix[1..] : head + ParkedSuffix;
    }

    /// <summary>Pod names may be DNS subdomains (dots, 253 characters); the replacement's must stay a DNS label.</summary>
    private static string DnsLabelPrefix(string name, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(name.Length, maxLength));
        foreach (var c in name.ToLowerInvariant())
        {
            if (builder.Length == maxLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return builder.ToString().Trim('-');
    }

    private static string UidHash(string uid)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(uid));
        var bits = BinaryPrimitives.ReadUInt32BigEndian(hash);
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = HashAlphabet[(int)(bits >> (i * 5)) & 31];
        }

        return new string(chars);
    }
}
