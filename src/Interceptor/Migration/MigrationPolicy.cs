using Interceptor.Options;

namespace Interceptor.Migration;

/// <summary>The controller's settings the planner decides with: plain values, so a planner test states them in one line.</summary>
public sealed record MigrationPolicy(
    int MaxConcurrentPerNode,
    int MaxConcurrentInCluster,
    TimeSpan DeadlineBase,
    TimeSpan DeadlinePerGiB,
    TimeSpan EstimateBase,
    TimeSpan EstimatePerGiB,
    TimeSpan CallerBudget,
    TimeSpan CheckpointTimeout,
    TimeSpan RestoreTimeout,
    TimeSpan CommitTimeout,
    TimeSpan TtlAfterFinished,
    bool AllowColdStart,
    TimeSpan PollInterval)
{
    public static MigrationPolicy From(ControllerOptions o) => new(
        o.MaxConcurrentPerNode, o.MaxConcurrentInCluster, o.DeadlineBase, o.DeadlinePerGiB, o.EstimateBase, o.EstimatePerGiB,
        o.CallerBudget, o.CheckpointTimeout, o.RestoreTimeout, o.CommitTimeout, o.TtlAfterFinished, o.AllowColdStart, o.PollInterval);

    public static MigrationPolicy Default { get; } = From(new ControllerOptions());

    private const double GiB = 1024d * 1024 * 1024;

    /// <summary>The overall deadline for a pod with this much memory (KubeVirt's per-GiB completion timeout, in small).</summary>
    public TimeSpan DeadlineFor(long memoryBytes) => DeadlineBase + DeadlinePerGiB * (memoryBytes / GiB);

    /// <summary>What the whole migration should take: the figure printed in the status and compared with the caller's budget.</summary>
    public TimeSpan EstimateFor(long memoryBytes) => EstimateBase + EstimatePerGiB * (memoryBytes / GiB);
}
