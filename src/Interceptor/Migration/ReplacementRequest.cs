using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// What <see cref="ReplacementPods.Build"/> needs: the source pod, the checked target node, one checkpoint image per
/// running container (<c>spec.containers</c> and sidecar init containers), the owning PodMigration's name, the
/// attempt, and whether the replacement is parked (an owned pod that must not match its ReplicaSet until Ready).
/// </summary>
public sealed record ReplacementRequest(V1Pod Source, string TargetNode, IReadOnlyDictionary<string, string> CheckpointImages, string MigrationName, int Attempt, bool Parked)
{
    /// <summary>
    /// The labels a parked replacement carries with another value. A Deployment's ReplicaSet selects on
    /// <see cref="Labels.PodTemplateHash"/>, the default; a ReplicaSet of its own needs the keys of its selector's matchLabels.
    /// </summary>
    public IReadOnlyList<string> ParkedLabelKeys { get; init; } = [Labels.PodTemplateHash];
}
