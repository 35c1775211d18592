using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interceptor.Hosting;

/// <summary>Not ready without a serving certificate that is valid now: the API server could not call us anyway.</summary>
public sealed class ServingCertificateHealthCheck(ServingCertificateSource source, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var certificate = source.Current;
        var now = time.GetUtcNow().UtcDateTime;
        var result = certificate switch
        {
            null => HealthCheckResult.Unhealthy("no serving certificate loaded"),
            _ when certificate.NotAfter.ToUniversalTime() <= now => HealthCheckResult.Unhealthy($"serving certificate expired at {certificate.NotAfter.ToUniversalTime():O}"),
            _ when certificate.NotBefore.ToUniversalTime() > now => HealthCheckResult.Unhealthy($"serving certificate not valid before {certificate.NotBefore.ToUniversalTime():O}"),
            _ => HealthCheckResult.Healthy($"serving certificate valid until {certificate.NotAfter.ToUniversalTime():O}"),
        };
        return Task.FromResult(result);
    }
}
