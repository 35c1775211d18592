using Interceptor.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Interceptor.Hosting;

/// <summary>
/// Not ready without a serving certificate that is valid now and for the configured margin: the API server could not
/// call us anyway, and a certificate about to expire means the rotation did not reach this replica.
/// </summary>
public sealed class ServingCertificateHealthCheck(ServingCertificateSource source, IOptions<InterceptorOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var certificate = source.Current;
        var now = time.GetUtcNow().UtcDateTime;
        var margin = options.Value.Webhook.CertificateExpiryMargin;
        var notAfter = certificate?.NotAfter.ToUniversalTime();
        var result = certificate switch
        {
            null => HealthCheckResult.Unhealthy("no serving certificate loaded"),
            _ when notAfter <= now => HealthCheckResult.Unhealthy($"serving certificate expired at {notAfter:O}"),
            _ when certificate.NotBefore.ToUniversalTime() > now => HealthCheckResult.Unhealthy($"serving certificate not valid before {certificate.NotBefore.ToUniversalTime():O}"),
            _ when notAfter - now <= margin => HealthCheckResult.Unhealthy(
                $"serving certificate expires at {notAfter:O}, within the {margin} margin (Webhook:CertificateExpiryMargin): was the Secret renewed?"),
            _ => HealthCheckResult.Healthy($"serving certificate valid until {notAfter:O}"),
        };
        return Task.FromResult(result);
    }
}
