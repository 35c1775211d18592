using Interceptor.Admission.Guards;

namespace Interceptor.Admission;

/// <summary>
/// The eviction decision: an ordered chain of pure guards, first decision wins. A pod that passes every guard
/// is ours to migrate. Order matters: cheap, common answers first (most evicted pods are not opted in), and
/// every guard after <see cref="PodMustExist"/> may assume a pod.
/// </summary>
public sealed class EvictionGuardChain
{
    private static readonly IReadOnlyList<IEvictionGuard> Guards =
    [
        new PodMustExist(),             // nothing to migrate; the API server answers 404
        new PodMustBeOptedIn(),         // not ours: evict as if we were not installed
        new PodMustNotBeTerminating(),  // already going away
        new PodMustBeRunning(),         // no process state to checkpoint
        new PodMustNotBeStatic(),       // bound to its node's kubelet
        new PodMustNotBeDaemonSetPod(), // bound to its node by its owner
        new PodOwnerMustBeMigratable(), // StatefulSet and Job pods: not migrated live yet
        new PreconditionMustMatch(),    // aimed at another incarnation; the API server rejects it
        new ReleasedPodIsEvicted(),     // an operator released a blocked eviction
        new ExistingMigrationDecides(), // an earlier eviction (or a user) already started one
    ];

    public EvictionDecision Decide(EvictionObservation observation)
    {
        foreach (var guard in Guards)
        {
            if (guard.Evaluate(observation) is { } decision)
            {
                return decision;
            }
        }

        var name = MigrationNames.For(observation.Pod!.Name, observation.Pod.Uid);
        return new StartMigration(AdmissionReasons.MigrationStarted, EvictionMessages.Started(observation.Review, name));
    }
}
