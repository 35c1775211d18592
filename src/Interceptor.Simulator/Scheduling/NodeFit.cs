using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Scheduling;

/// <summary>
/// The default profile's filter plugins that matter here, in their order (NodeUnschedulable, TaintToleration,
/// NodeAffinity for nodeSelector, NodeResourcesFit for the pod count); the first that fails gives the reason,
/// worded as the plugin words it, which is what the Unschedulable message counts.
/// Pure: the pod, the node and the node's pod count in, a reason or null out.
/// </summary>
internal static class NodeFit
{
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";

    public static string? Reject(JsonObject pod, JsonObject node, int podsOnNode)
    {
        if (IsCordoned(node) && !Tolerations.Tolerates(pod, UnschedulableTaint, "", "NoSchedule"))
        {
            return "node(s) were unschedulable";
        }
        if (Taints(node).FirstOrDefault(t => !Tolerations.Tolerates(pod, t.Key, t.Value, t.Effect)) is { Key: not null } taint)
        {
            return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
        }
        if (!MatchesNodeSelector(pod, node))
        {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        return podsOnNode >= AllocatablePods(node) ? "Too many pods" : null;
    }

    private static bool IsCordoned(JsonObject node) =>
        node["spec"]?["unschedulable"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>
    /// The node's NoSchedule and NoExecute taints, plus not-ready:NoSchedule while its Ready condition is not True:
    /// the node lifecycle controller (absent here) taints such nodes, and that taint is what keeps pods off them.
    /// </summary>
    private static IEnumerable<(string Key, string Value, string Effect)> Taints(JsonObject node)
    {
        var taints = (node["spec"]?["taints"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(t => (Key: Meta.String(t, "key") ?? "", Value: Meta.String(t, "value") ?? "", Effect: Meta.String(t, "effect") ?? ""))
            .Where(t => t.Effect is "NoSchedule" or "NoExecute")
            .ToList();
        if (!IsReady(node) && taints.All(t => t.Key != NotReadyTaint))
        {
            taints.Add((NotReadyTaint, "", "NoSchedule"));
        }
        return taints;
    }

    private static bool IsReady(JsonObject node) =>
        (node["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => Meta.String(c, "type") == PodConditions.Ready && Meta.String(c, "status") == "True");

    private static bool MatchesNodeSelector(JsonObject pod, JsonObject node) =>
        (pod["spec"]?["nodeSelector"] as JsonObject ?? []).All(pair =>
            Meta.Label(node, pair.Key) is { } value && pair.Value is JsonValue wanted && wanted.ToString() == value);

    /// <summary>status.allocatable.pods (a quantity, here a plain integer); no figure means no limit.</summary>
    private static long AllocatablePods(JsonObject node) =>
        long.TryParse(Meta.String(node["status"]?["allocatable"], "pods"), NumberStyles.None, CultureInfo.InvariantCulture, out var pods)
            ? pods
            : long.MaxValue;
}
