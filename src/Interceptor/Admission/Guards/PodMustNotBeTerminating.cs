namespace Interceptor.Admission.Guards;

/// <summary>A pod already being deleted is past saving: its processes are being stopped.</summary>
public sealed class PodMustNotBeTerminating : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        observation.Pod!.Terminating
            ? new AllowEviction(AdmissionReasons.PodTerminating, "pod is already terminating")
            : null;
}
