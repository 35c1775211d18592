using Interceptor.Kube;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interceptor.Hosting;

/// <summary>
/// Not ready until the caches have listed once: before that every review would need API calls. A cache that
/// never syncs (the PodMigration CRD is not installed, RBAC is missing) keeps the replica out of service, and
/// with failurePolicy Ignore evictions simply proceed unmigrated. Not ready either while a cache has been out of
/// touch with the API server for longer than its bound (a watch that keeps going silent, an API server this replica
/// cannot reach): its answers may be old, and such a replica could not create a PodMigration anyway, so the
/// Service is better served by the replicas that can.
/// </summary>
public sealed class CacheSyncHealthCheck(ClusterCaches caches) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(caches.All));

    public static HealthCheckResult Check(IEnumerable<ICacheHealth> caches)
    {
        var all = caches.ToArray();
        var pending = all.Where(c => !c.IsSynced).Select(c => c.Resource).ToArray();
        if (pending.Length > 0)
        {
            return HealthCheckResult.Unhealthy($"caches not synced yet: {string.Join(", ", pending)}");
        }

        var stale = all.Where(c => c.IsStale).Select(c => $"{c.Resource} ({c.SinceContact.TotalSeconds:F0} s)").ToArray();
        return stale.Length == 0
            ? HealthCheckResult.Healthy("caches synced")
            : HealthCheckResult.Unhealthy($"caches out of touch with the API server: {string.Join(", ", stale)}");
    }
}
