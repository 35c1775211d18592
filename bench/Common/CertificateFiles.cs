using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Bench.Common;

/// <summary>
/// A CA and a serving pair made by the project's own <c>certs/generate.sh</c> (real openssl) in a temporary
/// directory. Both the interceptor and the bare endpoint serve <c>tls.crt</c>/<c>tls.key</c>; the client trusts only <c>ca.crt</c>.
/// </summary>
public sealed class CertificateFiles : IDisposable
{
    private CertificateFiles(string directory)
    {
        Directory = directory;
        Ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, "ca.crt")));
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    public X509Certificate2 Ca { get; }

    public static CertificateFiles Generate(string repoRoot)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("interceptor-bench-certs-").FullName;
        var start = new ProcessStartInfo("bash", [Path.Combine(repoRoot, "certs", "generate.sh"), directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("certs/generate.sh did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"certs/generate.sh failed ({process.ExitCode}): {stderr.Result}");
        }

        return new CertificateFiles(directory);
    }

    /// <summary>Validates a server certificate as the API server does with a webhook's caBundle: chain to this CA only, name must match.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
