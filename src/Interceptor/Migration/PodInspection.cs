using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>Pure reads of pods and nodes the planner needs, in one place so every decision reads them the same way.</summary>
public static class PodInspection
{
    /// <summary>
    /// Taints that mean "this node is being emptied" although it is not cordoned: cluster-autoscaler's scale-down
    /// (it taints, never cordons), Karpenter's disruption, node-maintenance-operator's drain.
    /// </summary>
    private static readonly string[] DrainTaints = ["ToBeDeletedByClusterAutoscaler", "karpenter.sh/disrupted", "medik8s.io/drain"];

    /// <summary>Memory assumed for a pod that declares none: enough for a deadline that is not absurdly short.</summary>
    public const long DefaultMemoryBytes = 256L * 1024 * 1024;

    public static bool HasServingGate(V1Pod pod) =>
        pod.Spec?.ReadinessGates?.Any(g => g.ConditionType == PodConditionTypes.Serving) == true;

    /// <summary>The status of the pod's <c>interceptor.dev/serving</c> condition, or null when it has none yet.</summary>
    public static string? Serving(V1Pod pod) => Condition(pod, PodConditionTypes.Serving);

    public static bool IsReady(V1Pod pod) => Condition(pod, "Ready") == "True";

    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    public static string? Condition(V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;

    /// <summary>The kind of the pod's controller (ReplicaSet, StatefulSet, Job, DaemonSet, ...), or null for a bare pod.</summary>
    public static string? OwnerKind(V1Pod pod) => pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Kind;

    /// <summary>Static pods' mirrors carry this annotation; the kubelet owns them.</summary>
    public static bool IsMirror(V1Pod pod) => pod.Metadata.Annotations?.ContainsKey(Annotations.MirrorPod) == true;

    /// <summary>
    /// What the checkpoint will roughly weigh: the sum of the containers' memory limits, else requests, else a default.
    /// A limit bounds what CRIU can dump; a request is the best hint left.
    /// </summary>
    public static long MemoryBytes(V1Pod pod)
    {
        long total = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var resources = container.Resources;
            var quantity = Memory(resources?.Limits) ?? Memory(resources?.Requests);
            total += quantity is null ? 0 : (long)quantity.ToDecimal();
        }

        return total > 0 ? total : DefaultMemoryBytes;
    }

    private static ResourceQuantity? Memory(IDictionary<string, ResourceQuantity>? resources) =>
        resources is not null && resources.TryGetValue("memory", out var quantity) ? quantity : null;

    /// <summary>The node is being emptied: cordoned, or tainted by an autoscaler or maintenance operator.</summary>
    public static bool IsDraining(V1Node node) =>
        node.Spec?.Unschedulable == true || node.Spec?.Taints?.Any(t => DrainTaints.Contains(t.Key)) == true;
}
