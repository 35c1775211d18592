using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Tests.Kubelet;
using Interceptor.Checkpoint.Tests.Support;
using Interceptor.Testing;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;

namespace Interceptor.Checkpoint.Tests.Registry;

/// <summary>The real registry serving TLS with a certificate from a CA made by .ci/registry.sh: only that CA is trusted.</summary>
public sealed class RegistryTlsTests
{
    [RegistryFact]
    public async Task A_push_over_tls_succeeds_when_the_registry_ca_is_given()
    {
        var options = TestRegistry.Options(TestRegistry.TlsEndpoint) with { CertificateAuthorityPath = TestRegistry.CaPath };
        var builder = new CheckpointImageBuilder(TestRegistry.Client(options));

        var image = await builder.PushAsync(new MemoryStream(CheckpointTar()), new CheckpointImageRequest(TestRegistry.NewRepository("tls"), "latest"));

        Assert.True(OciDigest.IsValid(image.ManifestDigest));
    }

    [RegistryFact]
    public async Task Another_ca_is_not_trusted_and_that_is_terminal()
    {
        using var other = TestCertificates.Create();
        using var temp = new TempDirectory();
        var options = TestRegistry.Options(TestRegistry.TlsEndpoint) with { CertificateAuthorityPath = other.WriteCaPem(temp.Info) };

        var error = await Assert.ThrowsAsync<RegistryException>(() => TestRegistry.Client(options).BlobExistsAsync("tls/any", FakeRegistry.Digest));

        Assert.Equal(RegistryFailureKind.Untrusted, error.Kind);
        Assert.False(error.IsTransient);
    }

    [RegistryFact]
    public async Task Without_a_ca_the_system_roots_do_not_vouch_for_a_private_registry()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            TestRegistry.Client(TestRegistry.Options(TestRegistry.TlsEndpoint)).BlobExistsAsync("tls/any", FakeRegistry.Digest));

        Assert.Equal(RegistryFailureKind.Untrusted, error.Kind);
    }
}
