using Interceptor.Kube;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interceptor.Hosting;

/// <summary>
/// Not ready until the caches have listed once: before that every review would need API calls. A cache that
/// never syncs (the PodMigration CRD is not installed, RBAC is missing) keeps the replica out of service, and
/// with failurePolicy Ignore evictions simply proceed unmigrated.
/// </summary>
public sealed class CacheSyncHealthCheck(ClusterCaches caches) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = caches.SyncState.Where(s => !s.Synced).Select(s => s.Resource).ToArray();
        return Task.FromResult(pending.Length == 0
            ? HealthCheckResult.Healthy("caches synced")
            : HealthCheckResult.Unhealthy($"caches not synced yet: {string.Join(", ", pending)}"));
    }
}
