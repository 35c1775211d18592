using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interceptor.Agent;

/// <summary>
/// Ready once the agent listed this node's PodMigrations: before that it cannot know what to checkpoint. A list
/// that never succeeds (CRD missing, RBAC, the CRD without the spec.sourceNode selectable field) shows here.
/// </summary>
public sealed class AgentCacheHealthCheck(CheckpointAgent agent) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(agent.Migrations.IsSynced
            ? HealthCheckResult.Healthy($"{agent.Migrations.Count} PodMigrations on this node")
            : HealthCheckResult.Unhealthy("PodMigrations of this node not listed yet"));
}
