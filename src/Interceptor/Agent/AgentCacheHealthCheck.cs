using Interceptor.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interceptor.Agent;

/// <summary>
/// Ready once the agent listed this node's PodMigrations: before that it cannot know what to checkpoint. A list
/// that never succeeds (CRD missing, RBAC, the CRD without the spec.sourceNode selectable field) shows here, and
/// so does a cache out of touch with the API server for too long (the same rule as the webhook's caches).
/// </summary>
public sealed class AgentCacheHealthCheck(CheckpointAgent agent) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = CacheSyncHealthCheck.Check([agent.Migrations]);
        return Task.FromResult(result.Status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy($"{agent.Migrations.Count} PodMigrations on this node")
            : result);
    }
}
