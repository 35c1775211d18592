using Interceptor.Api;

namespace Interceptor.Migration;

public static partial class MigrationPlanner
{
    /// <summary>Target first (failing early costs the workload nothing), then traffic off, then the checkpoint.</summary>
    private static MigrationAction Preparing(MigrationObservation obs)
    {
        var source = obs.Source!;
        if (string.IsNullOrEmpty(obs.Status.TargetNode))
        {
            return new SelectTarget();
        }

        // IMPORTANT: traffic off before the checkpoint; a write served after the dump would be lost with the source.
        if (obs.Status.TrafficOffTime is null)
        {
            return new TakeTrafficOff(PodInspection.HasServingGate(source));
        }

        // Native sidecars (restartable init containers) are running too: their state moves with the pod's.
        var sidecars = (source.Spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Select(c => c.Name);
        return new RequestCheckpoint([.. sidecars, .. source.Spec.Containers.Select(c => c.Name)]);
    }

    private static MigrationAction Checkpointing(MigrationObservation obs)
    {
        var condition = obs.Status.Conditions?.FirstOrDefault(c => c.Type == PodMigrationConditions.Checkpointed);
        if (condition?.Status == PodMigrationConditions.False)
        {
            return new RollBack(MigrationReasons.CheckpointFailed, $"{condition.Reason}: {condition.Message}");
        }

        var checkpoints = obs.Status.Checkpoints ?? [];
        if (condition?.Status == PodMigrationConditions.True && checkpoints.Count > 0
            && checkpoints.All(c => c.Attempt == obs.Attempt && !string.IsNullOrEmpty(c.Reference)))
        {
            return new MarkTransferring();
        }

        return obs.TimeInPhase > obs.Policy.CheckpointTimeout
            ? new RollBack(MigrationReasons.CheckpointTimeout,
                $"the agent on node {obs.Migration.Spec.SourceNode} did not publish the checkpoints within {obs.Policy.CheckpointTimeout.TotalSeconds:0}s (is it running there?)")
            : Poll(obs, "waiting for the agent's checkpoints");
    }

    /// <summary>Every recorded reference must be this pod's, this container's and this attempt's before a node runs it.</summary>
    private static MigrationAction Transferring(MigrationObservation obs)
    {
        if (obs.Status.Checkpoints is not { Count: > 0 })
        {
            return new RollBack(MigrationReasons.CheckpointInvalid, "no checkpoint is recorded for this attempt");
        }

        foreach (var checkpoint in obs.Status.Checkpoints)
        {
            if (CheckpointReferenceCheck.Problem(checkpoint, obs.Migration.Spec.PodUid, obs.Attempt, obs.Migration.Metadata.NamespaceProperty) is { } problem)
            {
                return new RollBack(MigrationReasons.CheckpointInvalid, $"container {checkpoint.Container}: {problem}");
            }
        }

        return new CreateReplacement(Parked: PodInspection.OwnerKind(obs.Source!) == "ReplicaSet");
    }
}
