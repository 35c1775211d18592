using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Server-certificate checking for one webhook call: with a <c>caBundle</c>, exactly those CAs are trusted
/// (no system roots), as the API server builds its TLS config from the bundle alone. Remembers why a
/// handshake was refused so the caller's error can say it in Go's words.
/// </summary>
internal sealed class WebhookTrust(X509Certificate2Collection? roots)
{
    /// <summary>Go's crypto/x509 text for the last refusal, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Roots from a base64 PEM bundle; null when there is none (then system roots apply, as in Go).</summary>
    public static WebhookTrust FromCaBundle(string? caBundle)
    {
        if (string.IsNullOrEmpty(caBundle))
        {
            return new WebhookTrust(null);
        }
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(caBundle)));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            // An unreadable bundle trusts nothing, so the call fails as a TLS error would.
            roots.Clear();
        }
        return new WebhookTrust(roots);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Refuse("tls: no certificate presented");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse($"tls: failed to verify certificate: {NameMismatch(certificate, (sender as SslStream)?.TargetHostName)}");
        }
        if (roots is null)
        {
            return errors == SslPolicyErrors.None || Refuse(UnknownAuthority);
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented) || Refuse(UnknownAuthority);
    }

    /// <summary>crypto/x509 HostnameError: "x509: certificate is valid for a, b, not c".</summary>
    private static string NameMismatch(X509Certificate certificate, string? host)
    {
        using var presented = new X509Certificate2(certificate);
        var names = presented.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => host is not null && System.Net.IPAddress.TryParse(host, out _)
                ? san.EnumerateIPAddresses().Select(ip => ip.ToString())
                : san.EnumerateDnsNames())
            .ToList();
        return names.Count == 0
            ? "x509: certificate is not valid for any names"
            : $"x509: certificate is valid for {string.Join(", ", names)}, not {host}";
    }

    private const string UnknownAuthority = "tls: failed to verify certificate: x509: certificate signed by unknown authority";

    private bool Refuse(string reason)
    {
        Failure = reason;
        return false;
    }
}
