using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Interceptor.Testing;

namespace Interceptor.Tests.Support;

/// <summary>
/// Real certificates, made by the project's own <c>certs/generate.sh</c> (openssl), in a temporary directory.
/// <see cref="RotateServingCertificate"/> runs it again: same CA, new serving pair, as a rotation in a cluster.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("interceptor-certs-").FullName;
        CaBundle = Generate();
        Ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Directory, "ca.crt")));
    }

    public string Directory { get; }

    /// <summary>The base64 CA bundle the script prints for a webhook's clientConfig.caBundle.</summary>
    public string CaBundle { get; }

    public X509Certificate2 Ca { get; }

    public string ServingCertificatePath => Path.Combine(Directory, "tls.crt");

    public X509Certificate2 ServingCertificateOnDisk => X509Certificate2.CreateFromPem(File.ReadAllText(ServingCertificatePath));

    public void RotateServingCertificate() => Generate();

    /// <summary>An HTTPS client that trusts only this CA, as the API server does with the caBundle.</summary>
    public HttpClient CreateClient(Uri baseAddress, Action<X509Certificate2>? onServerCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMilliseconds(100),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var leaf = new X509Certificate2(certificate!);
                    onServerCertificate?.Invoke(leaf);
                    return ChainsToCa(leaf);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public bool ChainsToCa(X509Certificate2 leaf)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private string Generate()
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Of("certs/generate.sh"), Directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"certs/generate.sh failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Trim().Split('\n')[^1];
    }

    public void Dispose()
    {
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
