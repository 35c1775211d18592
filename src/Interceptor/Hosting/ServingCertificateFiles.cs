using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Hosting;

/// <summary>
/// The bytes of <c>tls.crt</c> and <c>tls.key</c> as read at one moment, and a fingerprint of them. Change is
/// detected by content, never by timestamps or sizes: in a Secret volume both names are symlinks through
/// <c>..data</c>, and the kubelet rotates the pair by renaming that link, so the names' own metadata never change.
/// The certificate is built from the same bytes that were fingerprinted, so what is served is what was compared.
/// </summary>
public sealed class ServingCertificateFiles
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private readonly byte[] _certificate;
    private readonly byte[] _key;

    private ServingCertificateFiles(byte[] certificate, byte[] key)
    {
        _certificate = certificate;
        _key = key;
        Fingerprint = Convert.ToHexString(SHA256.HashData([.. SHA256.HashData(certificate), .. SHA256.HashData(key)]));
    }

    /// <summary>SHA-256 over the hashes of both files: equal exactly when both files hold the same bytes as before.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads both files, following symlinks. Throws <see cref="IOException"/> (or access errors) when one cannot be read.</summary>
    public static ServingCertificateFiles Read(string directory) =>
        new(File.ReadAllBytes(Path.Combine(directory, CertificateFile)), File.ReadAllBytes(Path.Combine(directory, KeyFile)));

    /// <summary>
    /// The certificate with its private key. A pair read across a rotation (the certificate before the swap, the key
    /// after) does not match and throws here; the next poll reads a consistent pair.
    /// </summary>
    public X509Certificate2 Load() =>
        X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(_certificate), System.Text.Encoding.ASCII.GetString(_key));
}
