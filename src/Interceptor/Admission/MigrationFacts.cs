using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>The facts about an existing PodMigration that the eviction decision needs.</summary>
public sealed record MigrationFacts(
    string Namespace,
    string Name,
    string PodUid,
    string? Phase,
    string OnFailure,
    string? Reason,
    string? TargetNode,
    DateTimeOffset? CreatedAt,
    bool Deleting = false)
{
    public static MigrationFacts From(PodMigration migration) => new(
        migration.Metadata.NamespaceProperty ?? "",
        migration.Metadata.Name ?? "",
        migration.Spec.PodUid,
        migration.Status?.Phase,
        migration.Spec.OnFailure,
        migration.Status?.Reason,
        migration.Status?.TargetNode ?? migration.Spec.TargetNode,
        migration.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        migration.Metadata.DeletionTimestamp is not null);

    /// <summary>
    /// The one that answers an eviction when a pod has several (a user created one under another name, or an old one
    /// awaits its TTL): one in progress first, since that is what the eviction waits for; else the newest.
    /// </summary>
    public static MigrationFacts? Preferred(IReadOnlyList<MigrationFacts> candidates) => candidates.Count switch
    {
        0 => null,
        1 => candidates[0],
        _ => candidates.OrderByDescending(m => MigrationPhases.IsInProgress(m.Phase)).ThenByDescending(m => m.CreatedAt).First(),
    };

    /// <summary>
    /// No controller has given the migration a phase within <paramref name="pickupTimeout"/>: the controller is not
    /// running (or not leading). Counting it as failed keeps a drain from waiting forever on nobody.
    /// </summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan pickupTimeout) =>
        string.IsNullOrEmpty(Phase) && CreatedAt is { } created && now - created > pickupTimeout;
}
