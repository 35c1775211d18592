using System.Net;
using System.Net.Sockets;
using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>A webhook that cannot be called: failurePolicy Fail answers 500, Ignore goes on to the deletion.</summary>
public sealed class EvictionWebhookFailureTests : EvictionTest
{
    [Fact]
    public async Task A_webhook_that_is_down_with_Fail_is_500_in_the_real_servers_words()
    {
        using var certificates = TestCertificates.Create();
        var url = $"https://127.0.0.1:{ClosedPort()}/validate";
        await RegisterAsync(UrlConfig(url, certificates), failurePolicy: "Fail");
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        var port = new Uri(url).Port;
        Assert.Equal(
            $"Internal error occurred: failed calling webhook \"{WebhookName}\": failed to call webhook: " +
            $"Post \"{url}?timeout=10s\": dial tcp 127.0.0.1:{port}: connect: connection refused",
            status.Message);
        Assert.Equal("InternalError", status.Reason);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_webhook_that_is_down_with_Ignore_lets_the_eviction_through()
    {
        using var certificates = TestCertificates.Create();
        await RegisterAsync(UrlConfig($"https://127.0.0.1:{ClosedPort()}/validate", certificates), failurePolicy: "Ignore");
        AddRunningPod("web");

        await EvictAsync("web");

        Assert.False(PodExists("web"));
    }

    [Fact]
    public async Task A_webhook_whose_certificate_the_caBundle_does_not_sign_counts_as_down()
    {
        using var certificates = TestCertificates.Create();
        using var otherCa = TestCertificates.Create();
        await using var webhook = await TestWebhook.StartAsync(certificates);
        await RegisterAsync(UrlConfig(webhook.Url, otherCa));
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.EndsWith("tls: failed to verify certificate: x509: certificate signed by unknown authority", status.Message);
        Assert.Empty(webhook.Reviews);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_webhook_slower_than_its_timeout_counts_as_down()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return WebhookAnswers.Allow();
        };
        await RegisterAsync(UrlConfig(webhook.Url, certificates), timeoutSeconds: 1);
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.EndsWith("?timeout=1s\": context deadline exceeded", status.Message);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_response_that_does_not_echo_the_uid_is_a_failed_call()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => new System.Text.Json.Nodes.JsonObject { ["uid"] = "someone-else", ["allowed"] = true };
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.Contains("received invalid webhook response: expected response.uid=", status.Message);
        Assert.EndsWith("got \"someone-else\"", status.Message);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_service_webhook_nobody_resolves_fails_the_call()
    {
        using var certificates = TestCertificates.Create();
        var service = new k8s.Models.Admissionregistrationv1ServiceReference { NamespaceProperty = "migrate", Name = "webhook", Path = "/evict" };
        await RegisterAsync(new k8s.Models.Admissionregistrationv1WebhookClientConfig { Service = service, CaBundle = certificates.CaBundle });
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.EndsWith(
            "Post \"https://webhook.migrate.svc:443/evict?timeout=10s\": no endpoints available for service \"webhook\"",
            status.Message);
    }

    [Fact]
    public async Task A_service_webhook_whose_certificate_lacks_the_service_name_counts_as_down()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        Server.Webhooks.ResolveService = (_, _, _) => new Uri($"https://127.0.0.1:{webhook.Port}");
        var service = new k8s.Models.Admissionregistrationv1ServiceReference { NamespaceProperty = "migrate", Name = "webhook", Path = "/evict" };
        await RegisterAsync(new k8s.Models.Admissionregistrationv1WebhookClientConfig { Service = service, CaBundle = certificates.CaBundle });
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.EndsWith("tls: failed to verify certificate: x509: certificate is valid for localhost, not webhook.migrate.svc", status.Message);
        Assert.Empty(webhook.Reviews);
    }

    /// <summary>A loopback port nothing listens on: bound once by the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
