namespace Interceptor.Admission.Guards;

/// <summary>
/// An eviction for another incarnation of the pod (its UID precondition names an older pod of the same name)
/// fails in the API server with 409 after admission: start nothing for it.
/// </summary>
public sealed class PreconditionMustMatch : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation)
    {
        var expected = observation.Review.PreconditionUid;
        return string.IsNullOrEmpty(expected) || expected == observation.Pod!.Uid
            ? null
            : new AllowEviction(AdmissionReasons.PreconditionMismatch, "the eviction's UID precondition names another pod; the API server rejects it");
    }
}
