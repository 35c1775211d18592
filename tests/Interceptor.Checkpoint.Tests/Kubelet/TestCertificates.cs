using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// A CA and a kubelet serving certificate it issued, made in process. The serving certificate names
/// the node ("node-1") and, unless told otherwise, 127.0.0.1 like a kubelet reached on loopback.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 serving)
    {
        Ca = ca;
        Serving = serving;
    }

    public X509Certificate2 Ca { get; }

    /// <summary>With its private key, ready for a server.</summary>
    public X509Certificate2 Serving { get; }

    public static TestCertificates Create(bool includeLoopbackIp = true)
    {
        // RSA throughout: WireMock logs its settings and reads X509Certificate2.PrivateKey, which is RSA/DSA only.
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=test-kubelet-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        using var servingKey = RSA.Create(2048);
        var servingRequest = new CertificateRequest("CN=node-1", servingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("node-1");
        if (includeLoopbackIp)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        servingRequest.CertificateExtensions.Add(names.Build());
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var serving = servingRequest.Create(caWithKey, now.AddMinutes(-5), now.AddMinutes(50), [1, 2, 3, 4]);
        using var servingWithKey = serving.CopyWithPrivateKey(servingKey);

        // Through PKCS#12 so the key is usable by the TLS stack on every platform.
        var pfx = X509CertificateLoader.LoadPkcs12(servingWithKey.Export(X509ContentType.Pfx), null);
        return new TestCertificates(X509CertificateLoader.LoadCertificate(caWithKey.RawData), pfx);
    }

    /// <summary>Writes the CA as PEM into <paramref name="directory"/> and returns the file's path.</summary>
    public string WriteCaPem(DirectoryInfo directory)
    {
        var path = Path.Combine(directory.FullName, "kubelet-ca.pem");
        File.WriteAllText(path, Ca.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }
}
