namespace Interceptor.Admission.Guards;

/// <summary>Static and mirror pods belong to their node's kubelet: they cannot move.</summary>
public sealed class PodMustNotBeStatic : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        observation.Pod!.IsStaticOrMirror
            ? new AllowEviction(AdmissionReasons.StaticPod, "static and mirror pods are never migrated")
            : null;
}
