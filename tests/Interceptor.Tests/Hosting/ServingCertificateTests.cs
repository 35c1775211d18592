using System.Net;
using System.Security.Cryptography.X509Certificates;
using Interceptor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Interceptor.Tests.Hosting;

public sealed class ServingCertificateTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_rotated_certificate_is_served_without_a_restart()
    {
        using var certificates = new TestCertificates();
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress);
        var first = await PresentedCertificateAsync(host, certificates);
        Assert.Equal(certificates.ServingCertificateOnDisk.SerialNumber, first.SerialNumber);

        certificates.RotateServingCertificate();
        var rotated = certificates.ServingCertificateOnDisk.SerialNumber;
        Assert.NotEqual(first.SerialNumber, rotated);

        await Eventually.TrueAsync(() => PresentedCertificateAsync(host, certificates).Result.SerialNumber == rotated,
            TimeSpan.FromSeconds(10), "the live server never presented the rotated certificate");
        Assert.True(await host.MetricAsync("interceptor_serving_certificate_loads_total", ("result", "loaded")) >= 2);
    }

    [Fact]
    public async Task A_certificate_rotated_by_the_kubelet_swapping_the_data_link_of_a_Secret_volume_is_served()
    {
        using var certificates = new TestCertificates();
        using var volume = new SecretVolume(certificates.Directory);
        var settings = new Dictionary<string, string?> { ["Interceptor:Webhook:CertificateDirectory"] = volume.Directory };
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress, settings);
        var first = await PresentedCertificateAsync(host, certificates);
        Assert.Equal(certificates.ServingCertificateOnDisk.SerialNumber, first.SerialNumber);
        var firstTarget = volume.DataTarget;

        certificates.RotateServingCertificate();
        volume.Publish();
        var rotated = certificates.ServingCertificateOnDisk.SerialNumber;

        // The swap is the kubelet's: only ..data changed, to a new directory, and the old one is gone.
        Assert.NotEqual(firstTarget, volume.DataTarget);
        Assert.False(Directory.Exists(Path.Combine(volume.Directory, firstTarget!)));
        Assert.NotNull(new FileInfo(Path.Combine(volume.Directory, "tls.crt")).LinkTarget);
        await Eventually.TrueAsync(() => PresentedCertificateAsync(host, certificates).Result.SerialNumber == rotated,
            TimeSpan.FromSeconds(5), "the live server never presented the certificate behind the swapped ..data link");
    }

    [Fact]
    public async Task Readiness_fails_when_the_served_certificate_expires_within_the_margin()
    {
        using var certificates = new TestCertificates();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["Interceptor:Webhook:CertificateReloadInterval"] = "01:00:00",
            ["Interceptor:Webhook:CertificateExpiryMargin"] = "2.00:00:00",
        };
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress, settings, s => s.AddSingleton<TimeProvider>(clock));
        await host.WaitUntilReadyAsync();

        clock.SetUtcNow(certificates.ServingCertificateOnDisk.NotAfter.ToUniversalTime().AddDays(-2).AddMinutes(1));
        using var ready = await host.Health.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("within the 2.00:00:00 margin", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Health.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_webhook_speaks_only_TLS_1_2_or_newer()
    {
        using var certificates = new TestCertificates();
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress);
        using var handler = new SocketsHttpHandler();
#pragma warning disable SYSLIB0039 // the point: a client offering only TLS 1.1 must be refused
        handler.SslOptions.EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls11;
#pragma warning restore SYSLIB0039
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var legacy = new HttpClient(handler) { BaseAddress = host.WebhookAddress };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => legacy.GetAsync("/validate/eviction"));
    }

    [Fact]
    public async Task Readiness_fails_without_a_serving_certificate()
    {
        using var certificates = new TestCertificates();
        File.Delete(Path.Combine(certificates.Directory, "tls.crt"));
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress);

        using var ready = await host.Health.GetAsync("/readyz");
        var text = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("no serving certificate loaded", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Health.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_once_the_serving_certificate_expires()
    {
        using var certificates = new TestCertificates();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A fake clock fires a periodic timer once per elapsed period: keep the reload period long, the jump is a year.
        var settings = new Dictionary<string, string?> { ["Interceptor:Webhook:CertificateReloadInterval"] = "01:00:00" };
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress, settings, s => s.AddSingleton<TimeProvider>(clock));
        await host.WaitUntilReadyAsync();

        clock.SetUtcNow(certificates.ServingCertificateOnDisk.NotAfter.ToUniversalTime().AddMinutes(1));
        using var ready = await host.Health.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("expired", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_are_served_only_over_TLS_and_probes_only_over_plain_HTTP()
    {
        using var certificates = new TestCertificates();
        await using var host = await InterceptorHost.StartAsync(certificates, _cluster.BaseAddress);

        using var reviewOnPlain = await host.Health.PostAsync("/validate/eviction", AdmissionReviews.Json(AdmissionReviews.Eviction("shop", "x").ToJsonString()));
        using var metricsOnTls = await host.Webhook.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, reviewOnPlain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnTls.StatusCode);
        Assert.Contains("interceptor_serving_certificate_expiry_timestamp_seconds", await host.Health.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    private static async Task<X509Certificate2> PresentedCertificateAsync(InterceptorHost host, TestCertificates certificates)
    {
        X509Certificate2? presented = null;
        using var client = certificates.CreateClient(host.WebhookAddress, c => presented = c);
        using var response = await client.GetAsync("/healthz");
        return presented ?? throw new InvalidOperationException("no certificate presented");
    }
}
