using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// A throwaway CA and a serving certificate it signed, made in-process, so the test webhook speaks real
/// TLS. The serving certificate names 127.0.0.1, localhost and any extra DNS names (service names).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 serving)
    {
        Ca = ca;
        Serving = serving;
    }

    public X509Certificate2 Ca { get; }

    /// <summary>With its private key, ready for Kestrel.</summary>
    public X509Certificate2 Serving { get; }

    /// <summary>The CA as a webhook's <c>clientConfig.caBundle</c>: base64 of the PEM.</summary>
    public byte[] CaBundle => Encoding.UTF8.GetBytes(Ca.ExportCertificatePem());

    public static TestCertificates Create(params string[] dnsNames)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=simulator-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=simulator-test-webhook", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddHours(1), RandomNumberGenerator.GetBytes(16));
        return new TestCertificates(ca, signed.CopyWithPrivateKey(key));
    }

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }
}
