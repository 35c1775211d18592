using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Checkpoint.Registry;

/// <summary>Makes the <see cref="HttpClient"/> a <see cref="RegistryClient"/> uses.</summary>
public static class RegistryHttpClient
{
    /// <summary>
    /// Set up as every credentialed call is (<see cref="CredentialedHttp"/>: no redirects, which a registry
    /// never needs for pushes, manifests and deletes; no proxy; no HttpClient timeout). With a CA
    /// bundle, the chain must end at one of its certificates and the host name must match; the system
    /// roots are not consulted, so a public CA cannot vouch for a private registry.
    /// </summary>
    public static HttpClient Create(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var caPath = options.Validated().CertificateAuthorityPath;
        var handler = CredentialedHttp.Handler();
        handler.SslOptions.CertificateChainPolicy = caPath is null ? null : OnlyTrusting(caPath);
        return CredentialedHttp.Client(handler);
    }

    private static X509ChainPolicy OnlyTrusting(string caPath)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caPath);
        if (roots.Count == 0)
        {
            throw new ArgumentException("The registry CA file holds no PEM certificate.", nameof(caPath));
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
