using Interceptor.Api;

namespace Interceptor.Admission.Guards;

/// <summary>
/// An operator released the pod's blocked eviction (<see cref="Annotations.Release"/> on the pod, written by the
/// controller when the failed Block migration was deleted, or by hand): evict it normally, whatever failed migration
/// it has. A migration still in progress goes on: the release is of a block, not a cancellation (delete the
/// in-progress PodMigration to cancel it; it rolls back first).
/// </summary>
public sealed class ReleasedPodIsEvicted : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation)
    {
        var pod = observation.Pod!;
        if (string.IsNullOrEmpty(pod.ReleaseAnnotation) || InProgress(observation))
        {
            return null;
        }

        return new AllowEviction(AdmissionReasons.MigrationReleased,
            EvictionMessages.Released(observation.Review, $"annotation {Annotations.Release}={pod.ReleaseAnnotation} on the pod"));
    }

    private static bool InProgress(EvictionObservation observation) =>
        observation.Migration is { } m && m.PodUid == observation.Pod!.Uid
        && MigrationPhases.IsInProgress(m.Phase) && !m.IsAbandoned(observation.Now, observation.Policy.PickupTimeout);
}
