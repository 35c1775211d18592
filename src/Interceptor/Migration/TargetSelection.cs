using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// Chooses the node a pod's replacement is restored on. Pure: the nodes and the bound pods come in, a
/// <see cref="TargetChoice"/> goes out. Every node runs through <see cref="NodeFilters.Chain"/>; among the nodes that
/// pass, the one with the most memory left after placement wins, ties broken by name.
/// </summary>
public static class TargetSelection
{
    /// <param name="source">The pod to migrate.</param>
    /// <param name="nodes">Every node.</param>
    /// <param name="pods">Every pod bound to a node, to sum what each node already gives away.</param>
    /// <param name="explicitTarget">PodMigration spec.targetNode, or null to choose.</param>
    public static TargetChoice Choose(V1Pod source, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods, string? explicitTarget)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(nodes);
        var context = PlacementContext.For(source, pods);
        return string.IsNullOrEmpty(explicitTarget) ? Rank(context, nodes) : CheckExplicit(context, nodes, explicitTarget);
    }

    /// <summary>
    /// An explicit target skips the ranking but not one filter: the replacement's spec.nodeName bypasses the
    /// scheduler, and a real API server accepts a cordoned or even a non-existent node there (DESIGN section 5).
    /// </summary>
    private static TargetChoice CheckExplicit(PlacementContext context, IReadOnlyList<V1Node> nodes, string target)
    {
        var node = nodes.FirstOrDefault(n => n.Metadata?.Name == target);
        if (node is null)
        {
            return TargetChoice.None(TargetReasons.TargetNotFound, TargetMessages.NotFound(context.Pod, target));
        }

        return NodeFilters.FirstRejection(context, node) is { } reason
            ? TargetChoice.None(TargetReasons.TargetNotSuitable, TargetMessages.NotSuitable(context.Pod, new Rejection(target, reason), NodeFilters.IsRestoreCapable(node)))
            : TargetChoice.Chosen(target, TargetMessages.ExplicitChosen(context.Pod, target));
    }

    /// <summary>
    /// The most free memory after placement spreads migrations out: two drains running at once are less likely to
    /// pick the same node and then fight over its last gigabytes. Memory, not CPU, because memory cannot be
    /// overcommitted and the restore needs all of it at once. The name breaks ties so the choice is reproducible.
    /// </summary>
    private static TargetChoice Rank(PlacementContext context, IReadOnlyList<V1Node> nodes)
    {
        var rejected = new List<Rejection>();
        var feasible = new List<(string Name, decimal FreeMemory)>();
        foreach (var node in nodes)
        {
            var name = node.Metadata?.Name ?? "";
            if (NodeFilters.FirstRejection(context, node) is { } reason)
            {
                rejected.Add(new Rejection(name, reason));
            }
            else
            {
                feasible.Add((name, NodeFilters.Free(context, node).Memory - context.Requests.Memory));
            }
        }

        if (!nodes.Any(n => n.Metadata?.Name != context.SourceNode && NodeFilters.IsRestoreCapable(n)))
        {
            return TargetChoice.None(TargetReasons.NoRestoreCapableNode, TargetMessages.NoRestoreCapable(context.Pod, rejected));
        }

        if (feasible.Count == 0)
        {
            return TargetChoice.None(TargetReasons.NoFeasibleNode, TargetMessages.NoFeasible(context.Pod, rejected));
        }

        var best = feasible.OrderByDescending(f => f.FreeMemory).ThenBy(f => f.Name, StringComparer.Ordinal).First();
        return TargetChoice.Chosen(best.Name, TargetMessages.Chosen(context.Pod, best.Name, feasible.Count, best.FreeMemory));
    }
}
