using System.Text;
using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// Decides the patch for a pod being created (pure): an opted-in pod that may move gets the
/// <see cref="PodConditionTypes.Serving"/> readiness gate, so the controller can take it out of its Services before
/// the checkpoint. The gate can only be added now: <c>spec.readinessGates</c> is immutable once the pod exists.
/// </summary>
public static class PodMutation
{
    // RFC 6902 "add": to an absent member it creates the list; "/-" appends to an existing one. A test against the
    // current list is not needed: the API server applies the patch to exactly the object it sent us.
    private static readonly byte[] AddGateList = Encoding.UTF8.GetBytes(
        $$$"""[{"op":"add","path":"/spec/readinessGates","value":[{"conditionType":"{{{PodConditionTypes.Serving}}}"}]}]""");

    private static readonly byte[] AppendGate = Encoding.UTF8.GetBytes(
        $$$"""[{"op":"add","path":"/spec/readinessGates/-","value":{"conditionType":"{{{PodConditionTypes.Serving}}}"}}]""");

    /// <summary>
    /// True when the decision depends on the namespace's opt-in label, so it has to be looked up: not for pods that
    /// never move, nor for pods whose own label decides.
    /// </summary>
    public static bool NeedsNamespaceLabel(PodBody pod) => NodeBoundReason(pod) is null && !OptIn.PodDecides(MigrateLabel(pod));

    /// <param name="namespaceLabel">The namespace's <see cref="Labels.Migrate"/> value; ignored when <see cref="NeedsNamespaceLabel"/> is false.</param>
    public static PodMutationDecision Decide(PodBody pod, string? namespaceLabel)
    {
        if (NodeBoundReason(pod) is { } nodeBound)
        {
            return PodMutationDecision.Skip(nodeBound);
        }

        if (!OptIn.IsOptedIn(MigrateLabel(pod), namespaceLabel))
        {
            return PodMutationDecision.Skip(MutationReasons.NotOptedIn);
        }

        var gates = pod.Spec?.ReadinessGates;
        if (gates?.Any(g => g.ConditionType == PodConditionTypes.Serving) == true)
        {
            return PodMutationDecision.Skip(MutationReasons.GateAlreadyPresent);
        }

        return new PodMutationDecision(MutationReasons.GateAdded, gates is null ? AddGateList : AppendGate);
    }

    private static string? NodeBoundReason(PodBody pod)
    {
        var controllerKind = pod.ControllerKind;
        if (NodeBoundPods.IsStaticOrMirror(pod.Metadata?.Annotations, controllerKind))
        {
            return MutationReasons.StaticPod;
        }

        return NodeBoundPods.IsDaemonSetPod(controllerKind) ? MutationReasons.DaemonSetPod : null;
    }

    private static string? MigrateLabel(PodBody pod) =>
        pod.Metadata?.Labels is { } labels && labels.TryGetValue(Labels.Migrate, out var value) ? value : null;
}
