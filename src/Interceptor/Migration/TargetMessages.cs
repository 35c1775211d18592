using System.Globalization;
using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The human side of a <see cref="TargetChoice"/>: which nodes were turned down and why, capped so a status or an
/// Event stays readable on a large cluster, and what an operator must configure when no node can restore.
/// </summary>
public static class TargetMessages
{
    /// <summary>At most this many rejected nodes are named; the rest are counted.</summary>
    public const int NodeLimit = 10;

    /// <summary>
    /// Restore is off by default in the runtimes, so the fix is always on the node: say exactly what to set.
    /// </summary>
    public static readonly string HowToEnableRestore =
        "Turn restore on in the node's container runtime (CRI-O: [crio.checkpoint_restore] container_level_enabled = \"checkpoint_restore\"; "
        + "containerd 2.2.7+ or 2.3.4+: enable_experimental_restore_via_create = true; containerd 2.4 cannot restore), "
        + $"then label the node: kubectl label node <node> {Labels.RestoreCapable}={Labels.RestoreEnabled}.";

    public static string NoRestoreCapable(V1Pod pod, IReadOnlyList<Rejection> rejected) =>
        $"No node can restore pod {PodName(pod)}: no node other than the source carries the label {Labels.RestoreCapable}={Labels.RestoreEnabled}. "
        + HowToEnableRestore + List(rejected);

    public static string NoFeasible(V1Pod pod, IReadOnlyList<Rejection> rejected) =>
        $"No node can take pod {PodName(pod)}." + List(rejected);

    public static string NotFound(V1Pod pod, string target) =>
        $"The target node {target} for pod {PodName(pod)} does not exist.";

    public static string NotSuitable(V1Pod pod, Rejection rejection, bool restoreCapable) =>
        $"The target node {rejection.Node} cannot take pod {PodName(pod)}: it {rejection.Reason}."
        + (restoreCapable ? "" : " " + HowToEnableRestore);

    public static string Chosen(V1Pod pod, string node, int feasible, decimal freeMemory) =>
        $"Chose node {node} for pod {PodName(pod)}: the most memory left after placement "
        + $"({freeMemory.ToString("0", CultureInfo.InvariantCulture)} bytes) of {feasible} feasible node(s).";

    public static string ExplicitChosen(V1Pod pod, string node) =>
        $"The target node {node} passes every check for pod {PodName(pod)}.";

    /// <summary>" Rejected: a is cordoned; b is not Ready; and 3 more." in node-name order, so the message is stable.</summary>
    public static string List(IReadOnlyList<Rejection> rejected)
    {
        if (rejected.Count == 0)
        {
            return " There are no nodes.";
        }

        var named = rejected.OrderBy(r => r.Node, StringComparer.Ordinal).Take(NodeLimit).Select(r => $"{r.Node} {r.Reason}");
        var more = rejected.Count > NodeLimit ? $"; and {rejected.Count - NodeLimit} more" : "";
        return " Rejected: " + string.Join("; ", named) + more + ".";
    }

    private static string PodName(V1Pod pod) => $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}";
}
