using System.Security.Cryptography.X509Certificates;
using Interceptor.Simulator.Hosting;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// A throwaway CA and a serving certificate for 127.0.0.1 and localhost, written as tls.crt/tls.key like a
/// kubernetes.io/tls Secret, so the simulated webhook runs real TLS with no tool beyond the .NET SDK.
/// (Clusters use certs/generate.sh or cert-manager instead.)
/// </summary>
public sealed class DevCertificates : IDisposable
{
    private DevCertificates(string directory, X509Certificate2 ca)
    {
        Directory = directory;
        Ca = ca;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public static DevCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("interceptor-simulate-").FullName;
        using var pair = ServingCertificates.Create("interceptor-webhook");
        File.WriteAllText(Path.Combine(directory, "tls.crt"), pair.Serving.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), pair.Serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(directory, "tls.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new DevCertificates(directory, X509CertificateLoader.LoadCertificate(pair.Ca.RawData));
    }

    /// <summary>An HTTPS client that trusts only this CA, as the API server does with a webhook's caBundle.</summary>
    public HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new X509Certificate2(certificate));
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public void Dispose()
    {
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
