namespace Interceptor.Migration;

/// <summary>
/// Migrations already admitted (past Pending, not finished), not counting the one being decided: what the per-node
/// and cluster limits are checked against.
/// </summary>
public sealed record MigrationBudget(int InFlightFromSourceNode, int InFlightInCluster)
{
    public static MigrationBudget Empty { get; } = new(0, 0);
}
