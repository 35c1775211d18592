using Interceptor.Api;

namespace Interceptor.Migration;

public static partial class MigrationPlanner
{
    /// <summary>Owners whose pods are not migrated (yet): the eviction goes through as usual, with an Event that says why.</summary>
    private static readonly HashSet<string> UnsupportedOwners = ["StatefulSet", "Job", "DaemonSet", "Node"];

    private static MigrationAction Pending(MigrationObservation obs)
    {
        if (obs.IsBeingDeleted)
        {
            // Nothing was touched yet: nothing to undo.
            return new RemoveFinalizer();
        }

        if (obs.Source is not { } source)
        {
            return new Finish(MigrationPhases.Failed, MigrationReasons.SourcePodGone,
                $"pod {obs.Migration.Spec.PodName} ({obs.Migration.Spec.PodUid}) is gone; nothing to migrate");
        }

        if (PodInspection.OwnerKind(source) is { } owner && UnsupportedOwners.Contains(owner) || PodInspection.IsMirror(source))
        {
            return new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner,
                $"pods of a {PodInspection.OwnerKind(source) ?? "static pod"} are not migrated live yet; the pod is evicted normally");
        }

        var policy = obs.Policy;
        if (obs.Budget.InFlightFromSourceNode >= policy.MaxConcurrentPerNode)
        {
            return Queued(obs, $"{obs.Budget.InFlightFromSourceNode} migrations are leaving node {obs.Migration.Spec.SourceNode} (limit {policy.MaxConcurrentPerNode})");
        }

        if (obs.Budget.InFlightInCluster >= policy.MaxConcurrentInCluster)
        {
            return Queued(obs, $"{obs.Budget.InFlightInCluster} migrations are running in the cluster (limit {policy.MaxConcurrentInCluster})");
        }

        var memory = PodInspection.MemoryBytes(source);
        var estimate = policy.EstimateFor(memory);
        var warning = estimate > policy.CallerBudget && obs.Migration.Spec.Trigger != MigrationTriggers.Manual
            ? $"estimated {estimate.TotalSeconds:0}s for {memory / (1024 * 1024)} MiB exceeds the {policy.CallerBudget.TotalSeconds:0}s an evicting caller "
              + "such as cluster-autoscaler waits; it may give up on this node before the migration ends"
            : null;
        return new Admit(policy.DeadlineFor(memory), estimate,
            obs.SourceNode is { } node && PodInspection.IsDraining(node), PodInspection.HasServingGate(source), warning);
    }

    /// <summary>Writes Pending/Queued once; after that only waits, so a full budget costs no API writes.</summary>
    private static MigrationAction Queued(MigrationObservation obs, string why) =>
        obs.Phase == MigrationPhases.Pending && obs.Status.Reason == MigrationReasons.Queued
            ? Poll(obs, why)
            : new Queue($"queued: {why}");
}
