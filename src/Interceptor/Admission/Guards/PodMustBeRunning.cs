namespace Interceptor.Admission.Guards;

/// <summary>
/// Only a Running pod has process state to checkpoint. Pending, Succeeded, Failed and Unknown pods are evicted
/// normally (the API server deletes Pending and finished pods without even checking disruption budgets).
/// </summary>
public sealed class PodMustBeRunning : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation)
    {
        var pod = observation.Pod!;
        return pod.Phase == "Running" && !string.IsNullOrEmpty(pod.NodeName)
            ? null
            : new AllowEviction(AdmissionReasons.PodNotRunning, $"pod is {pod.Phase ?? "in no phase"}, nothing running to migrate");
    }
}
