using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>Everything a <see cref="NodeFilter"/> may look at besides the node: the pod to place, its requests, and each node's usage.</summary>
public sealed record PlacementContext(V1Pod Pod, ResourceAmount Requests, IReadOnlyDictionary<string, NodeUsage> Usage)
{
    public string SourceNode => Pod.Spec?.NodeName ?? "";

    public NodeUsage UsageOf(string node) => Usage.GetValueOrDefault(node, NodeUsage.Empty);

    public static PlacementContext For(V1Pod pod, IReadOnlyList<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(pods);
        return new PlacementContext(pod, PodRequests.Of(pod), UsageByNode(pod, pods));
    }

    /// <summary>
    /// Requests of the non-terminal pods on each node. Succeeded and Failed pods hold nothing (the scheduler's
    /// cache drops them too). This migration's own replacement is left out: after a crash between creating it and
    /// recording the target, the re-run must still find room on the same node instead of counting the pod twice.
    /// </summary>
    private static Dictionary<string, NodeUsage> UsageByNode(V1Pod source, IReadOnlyList<V1Pod> pods)
    {
        var sourceUid = source.Metadata?.Uid;
        var usage = new Dictionary<string, NodeUsage>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var node = pod.Spec?.NodeName;
            if (string.IsNullOrEmpty(node) || pod.Status?.Phase is "Succeeded" or "Failed"
                || (sourceUid is not null && pod.Metadata?.Annotation(Annotations.RestoredFrom) == sourceUid))
            {
                continue;
            }

            usage[node] = usage.GetValueOrDefault(node, NodeUsage.Empty).Add(PodRequests.Of(pod));
        }

        return usage;
    }
}
