using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Scheduling;

/// <summary>
/// One scheduling decision (schedule_one.go): filter every node, then among the feasible ones take the one with
/// the fewest pods (spreading, as the default scoring does for pods without resource requests); ties go to the
/// first name, where the real scheduler picks at random. Pure: pod, nodes and pod counts in, a verdict out.
/// </summary>
internal static class NodeSelection
{
    public static SchedulingVerdict Select(JsonObject pod, IReadOnlyList<JsonObject> nodes, Func<string, int> podsOnNode)
    {
        if (nodes.Count == 0)
        {
            return new SchedulingVerdict(null, "no nodes available to schedule pods");
        }
        var rejections = new Dictionary<string, int>();
        string? best = null;
        var bestLoad = int.MaxValue;
        foreach (var node in nodes.OrderBy(n => Meta.Name(n), StringComparer.Ordinal))
        {
            var name = Meta.Name(node)!;
            var load = podsOnNode(name);
            if (NodeFit.Reject(pod, node, load) is { } reason)
            {
                rejections[reason] = rejections.GetValueOrDefault(reason) + 1;
            }
            else if (load < bestLoad)
            {
                (best, bestLoad) = (name, load);
            }
        }
        return best is not null ? new SchedulingVerdict(best, null) : new SchedulingVerdict(null, FitError(nodes.Count, rejections));
    }

    /// <summary>
    /// framework FitError.Error(): "0/N nodes are available: " with "count reason" entries sorted as strings,
    /// then the preemption post-filter's verdict (nothing to preempt here).
    /// </summary>
    private static string FitError(int nodeCount, Dictionary<string, int> rejections)
    {
        var histogram = rejections.Select(r => $"{r.Value} {r.Key}").Order(StringComparer.Ordinal);
        return $"0/{nodeCount} nodes are available: {string.Join(", ", histogram)}. " +
            $"preemption: 0/{nodeCount} nodes are available: {nodeCount} Preemption is not helpful for scheduling.";
    }
}

/// <summary>The node to bind to, or why there is none (the PodScheduled=False message).</summary>
internal sealed record SchedulingVerdict(string? Node, string? Unschedulable);
