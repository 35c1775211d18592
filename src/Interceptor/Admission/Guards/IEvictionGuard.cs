namespace Interceptor.Admission.Guards;

/// <summary>
/// One check in the eviction decision. Pure: reads only the observation. Returns the decision when the check
/// settles the matter (first one wins), or null to pass on to the next guard.
/// </summary>
public interface IEvictionGuard
{
    EvictionDecision? Evaluate(EvictionObservation observation);
}
