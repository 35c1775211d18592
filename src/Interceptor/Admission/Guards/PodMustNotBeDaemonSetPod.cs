namespace Interceptor.Admission.Guards;

/// <summary>A DaemonSet pod belongs to its node: the DaemonSet runs another one wherever it should.</summary>
public sealed class PodMustNotBeDaemonSetPod : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        NodeBoundPods.IsDaemonSetPod(observation.Pod!.ControllerKind)
            ? new AllowEviction(AdmissionReasons.DaemonSetPod, "DaemonSet pods are never migrated")
            : null;
}
