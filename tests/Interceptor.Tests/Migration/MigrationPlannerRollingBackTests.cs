using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// RollingBack undoes what the migration did (replacement first, then the source serving again with its deletion cost
/// removed) and ends RolledBack when the source serves again, Failed when it is gone, keeping the failure's reason.
/// </summary>
public sealed class MigrationPlannerRollingBackTests
{
    public static TheoryData<string, MigrationObservation, MigrationAction> Rows
    {
        get
        {
            var rows = new TheoryData<string, MigrationObservation, MigrationAction>
            {
                { "a live replacement is deleted first",
                    Observe(InRollingBack(MigrationReasons.RestoreFailed), WithSource(Serving(PodConditionTypeStatus.False)), WithReplacement(Replacement())), new DeleteReplacement() },
                { "a live parked replacement is deleted first",
                    Observe(InRollingBack(MigrationReasons.ReplacementNotReady), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"), LowestDeletionCost(), Serving(PodConditionTypeStatus.False)),
                        WithReplacement(Replacement(Parked()))), new DeleteReplacement() },
                { "a replacement already terminating is not deleted again: the source serves again",
                    Observe(InRollingBack(MigrationReasons.RestoreFailed), WithSource(Serving(PodConditionTypeStatus.False)), WithReplacement(Replacement(Terminating()))), new RestoreSourceServing() },
                { "a source whose gate is False serves again",
                    Observe(InRollingBack(MigrationReasons.CheckpointTimeout), WithSource(Serving(PodConditionTypeStatus.False))), new RestoreSourceServing() },
                { "a ReplicaSet source with the lowest deletion cost gets it removed",
                    Observe(InRollingBack(MigrationReasons.CheckpointFailed), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"), LowestDeletionCost())), new RestoreSourceServing() },
                { "a ReplicaSet source without a gate gets its deletion cost removed",
                    Observe(InRollingBack(MigrationReasons.CheckpointFailed), o => o with { Source = Pod(PodName, WithUid(PodUid), OwnedBy("ReplicaSet", "web-7d9f8c6b5"), LowestDeletionCost()) }),
                    new RestoreSourceServing() },
                { "a deletion cost the migration never set (traffic never went off) is the owner's: left alone",
                    Observe(InRollingBack(MigrationReasons.NoFeasibleNode, m => m.Status!.TrafficOffTime = null), WithSource(WithAnnotation(Annotations.PodDeletionCost, "100"))),
                    new Finish(MigrationPhases.RolledBack, MigrationReasons.NoFeasibleNode, "rolled back; pod web-0 serves again") },
                { "a source serving again ends RolledBack with the failure's reason",
                    Observe(InRollingBack(MigrationReasons.CheckpointTimeout, WithReason(MigrationReasons.CheckpointTimeout, "the agent on node node-a did not publish"))),
                    new Finish(MigrationPhases.RolledBack, MigrationReasons.CheckpointTimeout, "rolled back; pod web-0 serves again. the agent on node node-a did not publish") },
                { "a source without a gate that was never touched ends RolledBack",
                    Observe(InRollingBack(MigrationReasons.RestoreFailed), o => o with { Source = Pod(PodName, WithUid(PodUid)) }),
                    new Finish(MigrationPhases.RolledBack, MigrationReasons.RestoreFailed, "") },
                { "a source gone ends Failed with the failure's reason",
                    Observe(InRollingBack(MigrationReasons.SourcePodGone), NoSource()), new Finish(MigrationPhases.Failed, MigrationReasons.SourcePodGone, "pod web-0 is gone; nothing to roll back to") },
                { "a source gone after a passed deadline ends Failed as DeadlineExceeded",
                    Observe(InRollingBack(MigrationReasons.DeadlineExceeded), NoSource()), new Finish(MigrationPhases.Failed, MigrationReasons.DeadlineExceeded, "") },
                { "a terminating source is not made to serve: it ends Failed",
                    Observe(InRollingBack(MigrationReasons.RestoreFailed), WithSource(Terminating(), Serving(PodConditionTypeStatus.False))), new Finish(MigrationPhases.Failed, MigrationReasons.RestoreFailed, "") },
                { "a replacement and source both gone ends Failed",
                    Observe(InRollingBack(MigrationReasons.MigrationDeleted), NoSource()), new Finish(MigrationPhases.Failed, MigrationReasons.MigrationDeleted, "") },
                { "a rollback without a recorded reason ends as RestoreFailed",
                    Observe(InRollingBack(MigrationReasons.RestoreFailed, m => m.Status!.Reason = null)), new Finish(MigrationPhases.RolledBack, MigrationReasons.RestoreFailed, "") },
                { "a deleted PodMigration still finishes its rollback before letting go",
                    Observe(InRollingBack(MigrationReasons.MigrationDeleted, Deleted()), WithReplacement(Replacement())), new DeleteReplacement() },
                { "a deleted PodMigration still ends RolledBack once undone",
                    Observe(InRollingBack(MigrationReasons.MigrationDeleted, Deleted())), new Finish(MigrationPhases.RolledBack, MigrationReasons.MigrationDeleted, "") },
                { "a rollback past its deadline is not cut short",
                    Observe(InRollingBack(MigrationReasons.DeadlineExceeded), WithSource(Serving(PodConditionTypeStatus.False)), Later(TimeSpan.FromHours(1))), new RestoreSourceServing() },
            };

            // Every failure keeps its reason to the end, including the target-selection failures the executor records
            // (nothing was touched then: the rollback has nothing to undo).
            foreach (var reason in MigrationReasons.Failures)
            {
                rows.Add($"a rollback for {reason} ends RolledBack keeping {reason}",
                    Observe(InRollingBack(reason)), new Finish(MigrationPhases.RolledBack, reason, "rolled back"));
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void RollingBack_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    private static PodMigration InRollingBack(string reason, params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(5)), WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(30)),
        WithCheckpoints(Published("app")), WithReplacement(), Entered(MigrationPhases.Restoring, TimeSpan.FromSeconds(20)),
        Entered(MigrationPhases.RollingBack), WithReason(reason, $"{reason} happened"), .. more,
    ]);

    private static V1Pod Replacement(params Action<V1Pod>[] modifiers) =>
        Pod(ReplacementName, [OnNode(TargetNode), WithImage(CheckpointImage("app")), WithServingGate(), .. modifiers]);
}
