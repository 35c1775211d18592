using Interceptor.Checkpoint.Kubelet;
using WireMock.Settings;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// The kubelet's serving certificate is verified against the configured CA, under the configured
/// name; a certificate that fails is Untrusted (terminal) and the request, with its token, is never
/// sent. Skipping verification has to be asked for.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("kubelet-tls-");

    [Fact]
    public async Task A_serving_certificate_issued_by_the_configured_ca_is_trusted()
    {
        using var certificates = TestCertificates.Create();
        using var kubelet = HttpsKubelet(certificates);

        var checkpoint = await Client(kubelet, new KubeletClientOptions { CertificateAuthorityPath = certificates.WriteCaPem(_scratch) })
            .CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        Assert.Equal(FakeKubelet.ArchivePath, checkpoint.ArchivePath);
    }

    [Fact]
    public async Task A_serving_certificate_from_another_ca_is_untrusted_and_no_request_is_sent()
    {
        using var certificates = TestCertificates.Create();
        using var otherCa = TestCertificates.Create();
        using var kubelet = HttpsKubelet(certificates);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => Client(kubelet, new KubeletClientOptions { CertificateAuthorityPath = otherCa.WriteCaPem(_scratch) })
                .CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5)));

        Assert.Equal(KubeletFailureKind.Untrusted, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Equal(0, kubelet.Calls);
    }

    [Fact]
    public async Task Without_a_ca_file_a_self_signed_kubelet_is_untrusted()
    {
        using var certificates = TestCertificates.Create();
        using var kubelet = HttpsKubelet(certificates);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => Client(kubelet, new KubeletClientOptions()).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5)));

        Assert.Equal(KubeletFailureKind.Untrusted, failure.Kind);
    }

    [Theory]
    [InlineData("node-1", true)]
    [InlineData("node-2", false)]
    public async Task A_certificate_naming_the_node_not_loopback_is_checked_against_the_tls_server_name(string serverName, bool trusted)
    {
        using var certificates = TestCertificates.Create(includeLoopbackIp: false);
        using var kubelet = HttpsKubelet(certificates);
        var options = new KubeletClientOptions { CertificateAuthorityPath = certificates.WriteCaPem(_scratch), TlsServerName = serverName };

        var failure = await Record.ExceptionAsync(() => Client(kubelet, options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5)));

        Assert.Equal(trusted, failure is null);
        Assert.True(trusted || failure is KubeletCheckpointException { Kind: KubeletFailureKind.Untrusted });
    }

    [Fact]
    public async Task A_certificate_not_naming_loopback_is_untrusted_without_a_server_name()
    {
        using var certificates = TestCertificates.Create(includeLoopbackIp: false);
        using var kubelet = HttpsKubelet(certificates);
        var options = new KubeletClientOptions { CertificateAuthorityPath = certificates.WriteCaPem(_scratch) };

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => Client(kubelet, options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5)));

        Assert.Equal(KubeletFailureKind.Untrusted, failure.Kind);
    }

    [Fact]
    public async Task Insecure_skip_verify_accepts_an_unverifiable_kubelet_when_asked_for()
    {
        using var certificates = TestCertificates.Create(includeLoopbackIp: false);
        using var kubelet = HttpsKubelet(certificates);

        var checkpoint = await Client(kubelet, new KubeletClientOptions { InsecureSkipTlsVerify = true })
            .CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        Assert.Equal(FakeKubelet.ArchivePath, checkpoint.ArchivePath);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_fails_when_the_http_client_is_made()
    {
        var path = Path.Combine(_scratch.FullName, "empty.pem");
        File.WriteAllText(path, "not a certificate\n");

        Assert.ThrowsAny<ArgumentException>(() => KubeletHttpClient.Create(new KubeletClientOptions { CertificateAuthorityPath = path }));
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private static FakeKubelet HttpsKubelet(TestCertificates certificates) =>
        new FakeKubelet(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = certificates.Serving },
        }).AnswersSuccess();

    // Always 127.0.0.1, as the agent calls its kubelet, whatever host name WireMock reports.
    private static KubeletCheckpointClient Client(FakeKubelet kubelet, KubeletClientOptions options)
    {
        options = options with { TokenPath = null, BaseAddress = new Uri($"https://127.0.0.1:{kubelet.Address.Port}/"), MaxAttempts = 1 };
        return new KubeletCheckpointClient(KubeletHttpClient.Create(options), options);
    }
}
