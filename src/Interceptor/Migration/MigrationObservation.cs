using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// Everything the planner may look at for one migration, read fresh on this pass (gather). The planner never reads
/// anything else: not the clock (<see cref="Now"/>), not the options (<see cref="Policy"/>).
/// </summary>
/// <param name="Source">The pod being migrated; null when it is gone or the name now belongs to another UID.</param>
/// <param name="Replacement">The pod named in status.replacementPod, when it exists.</param>
/// <param name="SourceNode">The node in spec.sourceNode, when it exists.</param>
public sealed record MigrationObservation(
    PodMigration Migration,
    V1Pod? Source,
    V1Pod? Replacement,
    V1Node? SourceNode,
    MigrationBudget Budget,
    DateTimeOffset Now,
    MigrationPolicy Policy)
{
    public PodMigrationStatus Status => Migration.Status ?? new PodMigrationStatus();

    public string? Phase => Migration.Status?.Phase;

    public int Attempt => Migration.Status?.Attempt ?? 1;

    public bool IsBeingDeleted => Migration.Metadata.DeletionTimestamp is not null;

    /// <summary>When the current phase was entered (the newest history entry of it), for step timeouts.</summary>
    public DateTimeOffset? PhaseEnteredAt =>
        Migration.Status?.PhaseHistory?.LastOrDefault(p => p.Phase == Phase) is { } entry ? Utc(entry.Time) : null;

    public TimeSpan TimeInPhase => PhaseEnteredAt is { } entered ? Now - entered : TimeSpan.Zero;

    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
