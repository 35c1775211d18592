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
    string? TargetNode)
{
    public static MigrationFacts From(PodMigration migration) => new(
        migration.Metadata.NamespaceProperty ?? "",
        migration.Metadata.Name ?? "",
        migration.Spec.PodUid,
        migration.Status?.Phase,
        migration.Spec.OnFailure,
        migration.Status?.Reason,
        migration.Status?.TargetNode ?? migration.Spec.TargetNode);
}
