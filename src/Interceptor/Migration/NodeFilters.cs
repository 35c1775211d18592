using System.Globalization;
using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The ordered chain of checks a migration target must pass; the first that rejects a node is that node's reason.
/// The scheduler never sees the replacement (its spec.nodeName is set, which bypasses scheduling entirely), so every
/// constraint the scheduler would enforce has to be checked here, an explicit target included.
/// </summary>
public static class NodeFilters
{
    public static readonly IReadOnlyList<NodeFilter> Chain =
    [
        // Moving a pod onto the node it is leaving gains nothing, and that node is usually being drained.
        new("NotSource", NotSource),
        // Restore is off by default in the runtimes (DESIGN section 4): only an operator's label says a node can restore.
        new("RestoreCapable", RestoreCapable),
        // nodeunschedulable. Stricter than upstream: a pod tolerating the unschedulable taint is still refused,
        // because a cordoned node is being drained and would evict the restored pod again.
        new("NodeUnschedulable", NotCordoned),
        // A node that is not Ready cannot run the restore, and its pods may be evicted by the node lifecycle controller.
        new("NodeReady", Ready),
        // nodeaffinity, part one: spec.nodeSelector.
        new("NodeSelector", (c, n) => NodeAffinityMatch.UnmatchedSelector(c.Pod.Spec?.NodeSelector, n) is { } missing ? $"lacks the label {missing} the pod's nodeSelector requires" : null),
        // nodeaffinity, part two: requiredDuringSchedulingIgnoredDuringExecution.
        new("NodeAffinity", (c, n) => NodeAffinityMatch.MatchesRequired(c.Pod.Spec?.Affinity, n) ? null : "does not match the pod's required node affinity"),
        // tainttoleration.
        new("TaintToleration", (c, n) => TaintToleration.FirstUntolerated(n.Spec?.Taints, c.Pod.Spec?.Tolerations) is { } taint ? $"has the taint {TaintToleration.Describe(taint)} the pod does not tolerate" : null),
        // noderesources/fit.go: the pod count.
        new("NodePodCount", PodCount),
        // noderesources/fit.go: CPU and memory requests against what is left of allocatable.
        new("NodeResourcesFit", ResourcesFit),
    ];

    /// <summary>The first filter's rejection of <paramref name="node"/>, or null when it passes them all.</summary>
    public static string? FirstRejection(PlacementContext context, V1Node node)
    {
        foreach (var filter in Chain)
        {
            if (filter.Reject(context, node) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    public static bool IsRestoreCapable(V1Node node) =>
        node.Metadata?.Label(Labels.RestoreCapable) == Labels.RestoreEnabled;

    private static string? NotSource(PlacementContext context, V1Node node) =>
        node.Metadata?.Name == context.SourceNode ? "is the source node" : null;

    private static string? RestoreCapable(PlacementContext context, V1Node node) =>
        IsRestoreCapable(node) ? null : $"lacks the label {Labels.RestoreCapable}={Labels.RestoreEnabled}";

    private static string? NotCordoned(PlacementContext context, V1Node node) =>
        node.Spec?.Unschedulable == true ? "is cordoned" : null;

    private static string? Ready(PlacementContext context, V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True" ? null : "is not Ready";

    /// <summary>As upstream: one more pod must stay within allocatable "pods".</summary>
    private static string? PodCount(PlacementContext context, V1Node node)
    {
        var allowed = PodRequests.Quantity(node.Status?.Allocatable, "pods");
        var bound = context.UsageOf(node.Metadata?.Name ?? "").Pods;
        return bound + 1 > allowed ? $"already runs {bound} of its {allowed.ToString(CultureInfo.InvariantCulture)} pods" : null;
    }

    /// <summary>As upstream: a resource the pod does not request is never short; otherwise the request must fit what is left.</summary>
    private static string? ResourcesFit(PlacementContext context, V1Node node)
    {
        var free = Free(context, node);
        var wanted = context.Requests;
        if (wanted.Cpu > 0 && wanted.Cpu > free.Cpu)
        {
            return $"has {Format(free.Cpu)} CPU free, the pod requests {Format(wanted.Cpu)}";
        }

        return wanted.Memory > 0 && wanted.Memory > free.Memory
            ? $"has {Format(free.Memory)} bytes of memory free, the pod requests {Format(wanted.Memory)}"
            : null;
    }

    /// <summary>Allocatable minus what the node's non-terminal pods request.</summary>
    public static ResourceAmount Free(PlacementContext context, V1Node node) =>
        PodRequests.Read(node.Status?.Allocatable) - context.UsageOf(node.Metadata?.Name ?? "").Requested;

    private static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
