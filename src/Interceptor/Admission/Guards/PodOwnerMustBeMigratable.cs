namespace Interceptor.Admission.Guards;

/// <summary>
/// StatefulSet and Job pods are not migrated live yet: a StatefulSet pod's identity is its name (the same-name restore
/// needs the pod-create webhook to turn the recreated pod into the restore), and a Job's replacement must not burn its
/// backoffLimit. Until then their eviction goes through as usual, and the pod's Event says why.
/// </summary>
public sealed class PodOwnerMustBeMigratable : IEvictionGuard
{
    private static readonly HashSet<string> NotYet = ["StatefulSet", "Job"];

    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        observation.Pod!.ControllerKind is { } kind && NotYet.Contains(kind)
            ? new AllowEviction(AdmissionReasons.UnsupportedOwner,
                $"pods of a {kind} are not migrated live yet; evicting normally (their in-memory state is lost)")
            : null;
}
