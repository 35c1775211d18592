using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestNodes;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Committing: past the commit point only forward (DESIGN section 4). A ReplicaSet adopts its parked replacement and
/// removes the source itself (section 5); a bare source is deleted; an owner too slow gets help after CommitTimeout.
/// Success is reported as Succeeded only when the Restored condition says the restore was verified.
/// </summary>
public sealed class MigrationPlannerCommittingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const string ReplicaSet = "web-7d9f8c6b5";

    public static TheoryData<string, MigrationObservation, MigrationAction> Rows => new()
    {
        // A ReplicaSet's source.
        { "a parked replacement is relabelled for its ReplicaSet to adopt",
            Observe(InCommitting(Second), WithSource(OwnedBy("ReplicaSet", ReplicaSet), LowestDeletionCost()), WithReplacement(Replacement(Parked()))), new AdoptReplacement() },
        { "an adopted replacement leaves the source to its ReplicaSet for now",
            Observe(InCommitting(Second), WithSource(OwnedBy("ReplicaSet", ReplicaSet)), WithReplacement(Replacement())), new Wait(Second, "waiting for the owner to remove the source pod") },
        { "exactly at the commit timeout the owner still has the source",
            Observe(InCommitting(TimeSpan.FromSeconds(30)), WithSource(OwnedBy("ReplicaSet", ReplicaSet)), WithReplacement(Replacement())), new Wait(Second, "") },
        { "an owner that has not removed the source within the 30 second commit timeout gets help",
            Observe(InCommitting(TimeSpan.FromSeconds(31)), WithSource(OwnedBy("ReplicaSet", ReplicaSet)), WithReplacement(Replacement())), new DeleteSource() },
        { "moving the clock past the commit timeout deletes the owned source",
            Observe(InCommitting(Second), WithSource(OwnedBy("ReplicaSet", ReplicaSet)), Later(TimeSpan.FromSeconds(30))), new DeleteSource() },
        { "a parked replacement is adopted before a terminating source is waited for",
            Observe(InCommitting(Second), WithSource(OwnedBy("ReplicaSet", ReplicaSet), Terminating()), WithReplacement(Replacement(Parked()))), new AdoptReplacement() },

        // A bare source.
        { "a bare source has no owner to remove it: it is deleted",
            Observe(InCommitting(Second), WithReplacement(Replacement())), new DeleteSource() },
        { "a bare source is deleted even when its replacement is not observed",
            Observe(InCommitting(Second)), new DeleteSource() },
        { "a terminating source is waited for",
            Observe(InCommitting(Second), WithSource(Terminating())), new Wait(Second, "waiting for the source pod to terminate") },
        { "a terminating owned source past the commit timeout is waited for, not deleted again",
            Observe(InCommitting(TimeSpan.FromSeconds(31)), WithSource(OwnedBy("ReplicaSet", ReplicaSet), Terminating())), new Wait(Second, "to terminate") },

        // The source gone: the outcome.
        { "the source gone after a verified restore succeeds",
            Observe(InCommitting(Second, Restored(PodMigrationConditions.True)), NoSource()),
            new Succeed(MigrationPhases.Succeeded, MigrationReasons.Restored, "pod web-0 now runs as web-0-m1 on node-b, restored from its checkpoint") },
        { "the source gone after an accepted cold start succeeds without restore",
            Observe(InCommitting(Second, Restored(PodMigrationConditions.False)), NoSource()),
            new Succeed(MigrationPhases.SucceededWithoutRestore, MigrationReasons.RestoreNotVerified, "started cold: its in-memory state was not carried over") },
        { "the source gone with no Restored condition never claims a restore",
            Observe(InCommitting(Second), NoSource()), new Succeed(MigrationPhases.SucceededWithoutRestore, MigrationReasons.RestoreNotVerified, "") },

        // Only forward: what rolls back before the commit point does not now.
        { "a PodMigration deleted after the commit point still adopts the replacement",
            Observe(InCommitting(Second, Deleted()), WithSource(OwnedBy("ReplicaSet", ReplicaSet)), WithReplacement(Replacement(Parked()))), new AdoptReplacement() },
        { "a PodMigration deleted after the commit point still deletes a bare source",
            Observe(InCommitting(Second, Deleted())), new DeleteSource() },
        { "a PodMigration deleted after the commit point still succeeds",
            Observe(InCommitting(Second, Deleted(), Restored(PodMigrationConditions.True)), NoSource()), new Succeed(MigrationPhases.Succeeded, MigrationReasons.Restored, "") },
        { "the source node uncordoned after the commit point does not roll back",
            Observe(InCommitting(Second, AdmittedWhileDraining()), WithSourceNode(Node(SourceNode))), new DeleteSource() },
        { "a deadline passed after the commit point does not roll back",
            Observe(InCommitting(Second, DeadlineIn(TimeSpan.FromSeconds(-10)))), new DeleteSource() },
        { "everything at once after the commit point still goes forward",
            Observe(InCommitting(Second, Deleted(), AdmittedWhileDraining(), DeadlineIn(TimeSpan.FromSeconds(-10)), Restored(PodMigrationConditions.True)), NoSource()),
            new Succeed(MigrationPhases.Succeeded, MigrationReasons.Restored, "") },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Committing_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    private static PodMigration InCommitting(TimeSpan enteredAgo, params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(5)), AdmittedWhileDraining(false), WithTarget(), TrafficOffAgo(enteredAgo + TimeSpan.FromSeconds(20)),
        WithCheckpoints(Published("app")), WithReplacement(), Entered(MigrationPhases.Restoring, enteredAgo + TimeSpan.FromSeconds(5)),
        Entered(MigrationPhases.Committing, enteredAgo), .. more,
    ]);

    private static Action<PodMigration> Restored(string status) =>
        WithCondition(PodMigrationConditions.Restored, status, status == PodMigrationConditions.True ? MigrationReasons.Restored : MigrationReasons.RestoreNotVerified);

    private static V1Pod Replacement(params Action<V1Pod>[] modifiers) =>
        Pod(ReplacementName, [OnNode(TargetNode), WithImage(CheckpointImage("app")), WithServingGate(), Serving(PodConditionTypeStatus.True), Ready(), .. modifiers]);
}
