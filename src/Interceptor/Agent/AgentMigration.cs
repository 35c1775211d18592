using Interceptor.Api;
using Interceptor.Kube;
using k8s.Models;

namespace Interceptor.Agent;

/// <summary>
/// What the agent needs to know about one PodMigration, projected from the object: the facts the planner
/// decides on. <see cref="Published"/> holds the containers already published for the current attempt.
/// </summary>
public sealed record AgentMigration(
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    string PodName,
    string PodUid,
    string? SourceNode,
    string? Phase,
    int Attempt,
    IReadOnlyList<string> Containers,
    IReadOnlySet<string> Published,
    string? Checkpointed)
{
    public MigrationKey Key => new(Namespace, Name);

    public static AgentMigration From(PodMigration migration)
    {
        var status = migration.Status;
        var attempt = AttemptOf(migration);
        var entries = status?.Checkpoints ?? [];
        return new AgentMigration(
            migration.Metadata.NamespaceProperty ?? "",
            migration.Metadata.Name ?? "",
            migration.Metadata.Uid ?? "",
            migration.Metadata.Generation ?? 0,
            migration.Spec.PodName,
            migration.Spec.PodUid,
            migration.Spec.SourceNode,
            status?.Phase,
            attempt,
            [.. entries.Select(c => c.Container).Distinct(StringComparer.Ordinal)],
            entries.Where(c => !string.IsNullOrEmpty(c.Reference) && c.Attempt == attempt).Select(c => c.Container).ToHashSet(StringComparer.Ordinal),
            status?.Conditions?.FirstOrDefault(c => c.Type == PodMigrationConditions.Checkpointed)?.Status);
    }

    /// <summary>Attempts count from 1; a status without one is the first attempt.</summary>
    public static int AttemptOf(PodMigration migration) => migration.Status?.Attempt is { } attempt and > 0 ? attempt : 1;

    /// <summary>The Event and log identity of the object.</summary>
    public V1ObjectReference Reference() => new()
    {
        ApiVersion = PodMigration.ApiGroupVersion,
        Kind = PodMigration.KubeKind,
        NamespaceProperty = Namespace,
        Name = Name,
        Uid = Uid,
    };
}
