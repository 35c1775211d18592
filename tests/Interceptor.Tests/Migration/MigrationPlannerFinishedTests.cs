using Interceptor.Api;
using Interceptor.Migration;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestObservations;

namespace Interceptor.Tests.Migration;

/// <summary>
/// A finished migration only cleans up: its checkpoint images first (they hold process memory), then it lets a
/// deleted object go, then it expires TtlAfterFinished (1 h here) after completion.
/// </summary>
public sealed class MigrationPlannerFinishedTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static TheoryData<string, MigrationObservation, MigrationAction> Rows
    {
        get
        {
            var rows = new TheoryData<string, MigrationObservation, MigrationAction>();
            foreach (var phase in new[] { MigrationPhases.Succeeded, MigrationPhases.SucceededWithoutRestore, MigrationPhases.RolledBack, MigrationPhases.Failed })
            {
                rows.Add($"{phase} with published checkpoints deletes them",
                    Observe(Finished(phase, WithCheckpoints(Published("app"), Published("sidecar")))), new DeleteCheckpoints());
                rows.Add($"{phase} with its checkpoints deleted waits out its TTL",
                    Observe(Finished(phase, WithCheckpoints(Published("app")), CheckpointsDeleted(PodMigrationConditions.True))),
                    new Wait(TimeSpan.FromMinutes(50), "finished; kept until its TTL"));
                rows.Add($"{phase} past its TTL is deleted",
                    Observe(Finished(phase), Later(Hour)), new DeleteMigration());
                rows.Add($"{phase} deleted with the finalizer lets go",
                    Observe(Finished(phase, Deleted())), new RemoveFinalizer());
            }

            rows.Add("a checkpoint deletion that failed is not retried: the condition records it",
                Observe(Finished(MigrationPhases.Succeeded, WithCheckpoints(Published("app")), CheckpointsDeleted(PodMigrationConditions.False))), new Wait(TimeSpan.FromMinutes(50), ""));
            rows.Add("containers only listed, never published, leave nothing to delete",
                Observe(Finished(MigrationPhases.RolledBack, WithCheckpoints(Listed("app")))), new Wait(TimeSpan.FromMinutes(50), ""));
            rows.Add("a migration that failed before listing containers has nothing to delete",
                Observe(Finished(MigrationPhases.Failed)), new Wait(TimeSpan.FromMinutes(50), ""));
            rows.Add("a deleted migration deletes its checkpoints before letting go",
                Observe(Finished(MigrationPhases.Succeeded, Deleted(), WithCheckpoints(Published("app")))), new DeleteCheckpoints());
            rows.Add("a deleted migration without the finalizer only waits to disappear",
                Observe(Finished(MigrationPhases.Succeeded, Deleted(), m => m.Metadata.Finalizers = null)), new Wait(TimeSpan.FromSeconds(1), "being deleted"));
            rows.Add("a finished migration without the finalizer does not get one back",
                Observe(Finished(MigrationPhases.Failed, m => m.Metadata.Finalizers = null)), new Wait(TimeSpan.FromMinutes(50), ""));
            rows.Add("exactly at its TTL a finished migration is deleted",
                Observe(Finished(MigrationPhases.Succeeded, CompletedAgo(Hour))), new DeleteMigration());
            rows.Add("a second before its TTL a finished migration waits that second",
                Observe(Finished(MigrationPhases.Succeeded, CompletedAgo(Hour - TimeSpan.FromSeconds(1)))), new Wait(TimeSpan.FromSeconds(1), ""));
            rows.Add("a finished migration whose pod and replacement are gone is still kept until its TTL",
                Observe(Finished(MigrationPhases.Succeeded), NoSource()), new Wait(TimeSpan.FromMinutes(50), ""));
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Finished_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    /// <summary>Finished ten minutes ago (CompletedAgo later in <paramref name="more"/> wins), with the finalizer still on.</summary>
    private static PodMigration Finished(string phase, params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), CompletedAgo(TimeSpan.FromMinutes(10)), Entered(phase, TimeSpan.FromMinutes(10)), .. more,
    ]);

    private static Action<PodMigration> CheckpointsDeleted(string status) => WithCondition(PodMigrationConditions.CheckpointsDeleted, status, "Test");
}
