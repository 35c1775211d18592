namespace Interceptor.Admission.Guards;

/// <summary>
/// Only opted-in pods are migrated (<see cref="OptIn"/>: the pod's own label wins, then a namespace-wide opt-in).
/// Everything else is evicted as if Interceptor were not installed.
/// </summary>
public sealed class PodMustBeOptedIn : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        OptIn.IsOptedIn(observation.Pod!.MigrateLabel, observation.NamespaceMigrateLabel)
            ? null
            : new AllowEviction(AdmissionReasons.NotOptedIn, "pod is not opted in to live migration");
}
