using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Verifies the kubelet's serving certificate: against the configured CA file when there is one
/// (the usual case, since kubelet serving certs are self-signed or cluster-issued, not publicly
/// rooted), against the system roots otherwise, or not at all when
/// <see cref="KubeletClientOptions.InsecureSkipTlsVerify"/> says so. The name checked is
/// <see cref="KubeletClientOptions.TlsServerName"/> when set, the URI's host otherwise.
/// </summary>
internal static class KubeletServerCertificate
{
    public static RemoteCertificateValidationCallback CreateValidator(KubeletClientOptions options)
    {
        if (options.InsecureSkipTlsVerify)
        {
            return static (_, _, _, _) => true;
        }

        var roots = options.CertificateAuthorityPath is { } path ? LoadRoots(path) : null;
        var serverName = options.TlsServerName;
        return (_, certificate, chain, errors) => IsTrusted(certificate, chain, errors, roots, serverName);
    }

    /// <summary>Reads the CA bundle; throws when it holds no certificate, so a bad file fails at start-up.</summary>
    public static X509Certificate2Collection LoadRoots(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new ArgumentException("The kubelet CA file holds no PEM certificate.", nameof(path));
        }

        return roots;
    }

    private static bool IsTrusted(
        X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var nameMatches = serverName is null
            ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            : leaf.MatchesHostname(serverName);
        if (!nameMatches)
        {
            return false;
        }

        return roots is null
            ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            : ChainsTo(leaf, chain, roots);
    }

    // Only the configured CAs are trusted here, not the system roots as well: the kubelet's
    // issuer is known, and trusting every public CA would let any of them vouch for a kubelet.
    private static bool ChainsTo(X509Certificate2 leaf, X509Chain? presented, X509Certificate2Collection roots)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // The intermediates the server sent.
            custom.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        return custom.Build(leaf);
    }
}
