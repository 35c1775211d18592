using Interceptor.Api;

namespace Interceptor.Migration;

public static partial class MigrationPlanner
{
    private static MigrationAction Restoring(MigrationObservation obs)
    {
        if (obs.Replacement is not { } replacement)
        {
            return string.IsNullOrEmpty(obs.Status.ReplacementPod)
                ? new CreateReplacement(Parked: PodInspection.OwnerKind(obs.Source!) == "ReplicaSet")
                : new RollBack(MigrationReasons.RestoreFailed, $"the replacement pod {obs.Status.ReplacementPod} disappeared");
        }

        if (PodInspection.IsTerminating(replacement))
        {
            // IMPORTANT: never commit to a replacement on its way out: the commit removes the source next, and then
            // nothing would serve. A deleted replacement is a failed restore, whoever deleted it.
            return new RollBack(MigrationReasons.RestoreFailed, $"the replacement pod {replacement.Metadata.Name} is being deleted");
        }

        var expected = ExpectedImages(obs);
        if (expected.Count == 0)
        {
            return new RollBack(MigrationReasons.CheckpointInvalid, "no published checkpoint is recorded: nothing to restore from");
        }

        var check = RestoreVerification.Check(replacement, expected);
        switch (check.Outcome)
        {
            case RestoreCheckOutcome.Failed:
                return new RollBack(MigrationReasons.RestoreFailed, check.Message);
            case RestoreCheckOutcome.Unverifiable:
                return new RollBack(MigrationReasons.RestoreUnverifiable, check.Message);
            case RestoreCheckOutcome.ColdStart when !obs.Policy.AllowColdStart:
                return new RollBack(MigrationReasons.RestoreNotVerified, check.Message);
            case RestoreCheckOutcome.NotYet:
                return (MigrationAction?)RestoreTimedOut(obs) ?? Poll(obs, "waiting for the replacement to run");
        }

        // Restored, or a cold start that policy accepts.
        if (PodInspection.HasServingGate(replacement) && PodInspection.Serving(replacement) != PodConditionTypeStatus.True)
        {
            return new SwitchTrafficToReplacement();
        }

        if (!PodInspection.IsReady(replacement))
        {
            return (MigrationAction?)RestoreTimedOut(obs) ?? Poll(obs, "waiting for the replacement to be Ready");
        }

        var restored = check.Outcome == RestoreCheckOutcome.Restored;
        return new Commit(restored, restored
            ? $"pod {replacement.Metadata.Name} on {replacement.Spec.NodeName} runs from the checkpoint and is Ready"
            : $"pod {replacement.Metadata.Name} on {replacement.Spec.NodeName} started cold (policy AllowColdStart) and is Ready: {check.Message}");
    }

    private static RollBack? RestoreTimedOut(MigrationObservation obs) =>
        obs.TimeInPhase > obs.Policy.RestoreTimeout
            ? new RollBack(MigrationReasons.ReplacementNotReady,
                $"the replacement {obs.Status.ReplacementPod} was not running from its checkpoint and Ready within {obs.Policy.RestoreTimeout.TotalSeconds:0}s")
            : null;

    /// <summary>The image each container of the replacement was created with: the checkpoint the agent published.</summary>
    internal static IReadOnlyDictionary<string, string> ExpectedImages(MigrationObservation obs) =>
        (obs.Status.Checkpoints ?? []).Where(c => c.Reference is not null)
            .ToDictionary(c => c.Container, c => c.Image ?? c.Reference!, StringComparer.Ordinal);
}
