using Interceptor.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interceptor.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Interceptor:Migration:DefaultOnFailure", "Explode", "DefaultOnFailure must be Evict or Block")]
    [InlineData("Interceptor:Webhook:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    [InlineData("Interceptor:Kubernetes:Host", "ftp://cluster", "Kubernetes.Host must be an absolute http(s) URL")]
    [InlineData("Interceptor:Webhook:BindAddress", "everywhere", "Webhook.BindAddress must be '*' or an IP address")]
    [InlineData("Interceptor:Webhook:CertificateExpiryMargin", "-00:01:00", "Webhook.CertificateExpiryMargin must be between 0 and 30 days")]
    [InlineData("Interceptor:Webhook:CertificateExpiryMargin", "31.00:00:00", "Webhook.CertificateExpiryMargin must be between 0 and 30 days")]
    [InlineData("Interceptor:Kubernetes:WatchIdleTimeout", "00:00:00.500", "Kubernetes.WatchIdleTimeout must be between 1 second and 1 hour")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        using var certificates = new TestCertificates();
        var settings = new Dictionary<string, string?> { [key] = value };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            InterceptorHost.StartAsync(certificates, new Uri("http://127.0.0.1:1"), settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
