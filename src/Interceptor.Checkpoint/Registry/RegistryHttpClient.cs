using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Checkpoint.Registry;

/// <summary>Makes the <see cref="HttpClient"/> a <see cref="RegistryClient"/> uses.</summary>
public static class RegistryHttpClient
{
    /// <summary>
    /// No redirects (pushes, manifests and deletes are answered by the registry itself; following one
    /// would carry the credentials elsewhere), no proxy from the environment (it would see the
    /// credentials), no HttpClient timeout (each attempt has its own, from the pipeline). With a CA
    /// bundle, the chain must end at one of its certificates and the host name must match; the system
    /// roots are not consulted, so a public CA cannot vouch for a private registry.
    /// </summary>
    public static HttpClient Create(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var caPath = options.Validated().CertificateAuthorityPath;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) };
        handler.SslOptions.CertificateChainPolicy = caPath is null ? null : OnlyTrusting(caPath);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
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
