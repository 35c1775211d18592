using Interceptor.Api;

namespace Interceptor.Admission.Guards;

/// <summary>
/// When the pod already has a PodMigration, its phase answers the eviction: in progress means 429 again,
/// success means the source is on its way out, failure defers to the failure policy, and a Block that an operator
/// is deleting is released.
/// </summary>
public sealed class ExistingMigrationDecides : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation)
    {
        var migration = observation.Migration;
        if (migration is null || migration.PodUid != observation.Pod!.Uid)
        {
            return null;
        }

        if (MigrationPhases.IsSuccess(migration.Phase))
        {
            return new AllowEviction(AdmissionReasons.MigrationSucceeded, $"live migration {Describe(migration)} succeeded; the source pod may go");
        }

        var abandoned = migration.IsAbandoned(observation.Now, observation.Policy.PickupTimeout);
        if (migration.Deleting && migration.OnFailure == FailurePolicies.Block && (abandoned || MigrationPhases.IsFailure(migration.Phase)))
        {
            // The delete is the release the denial names; the controller holds the object until it wrote the release on the pod.
            return new AllowEviction(AdmissionReasons.MigrationReleased,
                EvictionMessages.Released(observation.Review, $"its PodMigration {Describe(migration)} is being deleted"));
        }

        if (abandoned)
        {
            return NotPickedUp(observation, migration);
        }

        if (!MigrationPhases.IsFailure(migration.Phase))
        {
            return new DenyEviction(AdmissionReasons.MigrationInProgress, EvictionMessages.InProgress(observation.Review, migration));
        }

        return migration.OnFailure == FailurePolicies.Block
            ? new DenyEviction(AdmissionReasons.MigrationFailedBlock, EvictionMessages.Blocked(observation.Review, migration, $"ended {migration.Phase} ({migration.Reason ?? "no reason recorded"})"))
            : new AllowEviction(AdmissionReasons.MigrationFailedEvict, $"live migration {Describe(migration)} ended {migration.Phase}; evicting normally (onFailure: Evict)");
    }

    private static EvictionDecision NotPickedUp(EvictionObservation observation, MigrationFacts migration)
    {
        var why = $"was not picked up by the Interceptor controller within {observation.Policy.PickupTimeout} (is it running?)";
        return migration.OnFailure == FailurePolicies.Block
            ? new DenyEviction(AdmissionReasons.MigrationNotPickedUp, EvictionMessages.BlockedNotPickedUp(observation.Review, migration, why))
            : new AllowEviction(AdmissionReasons.MigrationNotPickedUp, $"live migration {Describe(migration)} {why}; evicting normally (onFailure: Evict)");
    }

    private static string Describe(MigrationFacts migration) => $"{migration.Namespace}/{migration.Name}";
}
