using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Interceptor.Simulator.Hosting;

/// <summary>
/// The throwaway CA and the serving certificate it signs for 127.0.0.1 and localhost, made in-process when the
/// server runs HTTPS. Go's crypto/x509 (kubectl) checks the IP SAN, so the certificate names the loopback address,
/// not only a DNS name; clients trust the CA alone (kubeconfig certificate-authority-data).
/// </summary>
internal sealed class ServingCertificates : IDisposable
{
    private ServingCertificates(X509Certificate2 ca, X509Certificate2 serving)
    {
        Ca = ca;
        Serving = serving;
    }

    /// <summary>The CA certificate, public part only: what clients are told to trust.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>With its private key, for Kestrel.</summary>
    public X509Certificate2 Serving { get; }

    /// <param name="subject">The serving certificate's common name (the simulator's API server, or a webhook).</param>
    /// <param name="dnsNames">More names the certificate carries (a simulated kubelet's node name).</param>
    public static ServingCertificates Create(string subject = "interceptor-simulator-apiserver", IReadOnlyList<string>? dnsNames = null)
    {
        // Wall-clock time, never the options' TimeProvider: kubectl checks validity against the machine's clock.
        var now = DateTimeOffset.UtcNow;
        // A week, as a short-lived real certificate: more than the webhook's readiness margin before expiry
        // (Webhook:CertificateExpiryMargin, a day by default), so a fresh simulator is ready.
        var notAfter = now.AddDays(7);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=interceptor-simulator-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), notAfter);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("kubernetes.default.svc");
        foreach (var dnsName in dnsNames ?? [])
        {
            names.AddDnsName(dnsName);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(caWithKey, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        return new ServingCertificates(ca, signed.CopyWithPrivateKey(key));
    }

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }
}
