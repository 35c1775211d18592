using Interceptor.Api;

namespace Interceptor.Migration;

public static partial class MigrationPlanner
{
    /// <summary>
    /// Only owners handled deliberately are migrated (DESIGN section 5): bare pods, and ReplicaSet pods that can be parked
    /// (a Deployment's, which carry pod-template-hash). Any other owner could adopt or delete a replacement behind our back.
    /// </summary>
    private static string? Unsupported(k8s.Models.V1Pod source) => PodInspection.OwnerKind(source) switch
    {
        _ when PodInspection.IsMirror(source) => "static pods (and their mirrors) belong to their node's kubelet and are not migrated",
        null => null,
        "ReplicaSet" when source.Metadata.Labels?.ContainsKey(Labels.PodTemplateHash) == true => null,
        "ReplicaSet" => "pods of a ReplicaSet without a pod-template-hash label (not a Deployment's) cannot be kept out of its selector while they restore, so they are not migrated",
        var kind => $"pods of a {kind} are not migrated live yet",
    };

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

        if (Unsupported(source) is { } why)
        {
            return new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, why + "; the pod is evicted normally");
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
