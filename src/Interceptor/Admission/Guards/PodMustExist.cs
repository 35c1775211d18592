namespace Interceptor.Admission.Guards;

/// <summary>A pod that does not exist has nothing to migrate; the API server answers the caller 404 itself.</summary>
public sealed class PodMustExist : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        observation.Pod is null
            ? new AllowEviction(AdmissionReasons.PodNotFound, "pod not found")
            : null;
}
