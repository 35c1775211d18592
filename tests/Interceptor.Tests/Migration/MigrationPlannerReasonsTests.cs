using Interceptor.Api;
using Interceptor.Migration;
using Xunit;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Every failure reason the planner itself can give has a row that makes it give it: a reason added to
/// <see cref="MigrationReasons.Failures"/> without a table row fails here. Rows that only carry a reason forward
/// (RollingBack and the finished phases keep status.reason) do not count.
/// </summary>
public sealed class MigrationPlannerReasonsTests
{
    /// <summary>Recorded by the executor when target selection finds no node; the planner only carries them to the end.</summary>
    private static readonly HashSet<string> FromTargetSelection =
        [MigrationReasons.NoRestoreCapableNode, MigrationReasons.NoFeasibleNode, MigrationReasons.TargetNotFound, MigrationReasons.TargetNotSuitable];

    [Fact]
    public void Every_failure_the_planner_gives_has_a_row()
    {
        IEnumerable<object[]> rows =
        [
            .. MigrationPlannerPendingTests.Rows, .. MigrationPlannerPreparingTests.Rows, .. MigrationPlannerCancellationTests.Rows,
            .. MigrationPlannerCheckpointingTests.Checkpointing, .. MigrationPlannerCheckpointingTests.Transferring,
            .. MigrationPlannerRestoringTests.Rows, .. MigrationPlannerCommittingTests.Rows,
        ];
        var given = rows.Select(row => MigrationPlanner.Decide((MigrationObservation)row[1]) switch
        {
            RollBack rollBack => rollBack.Reason,
            Finish finish => finish.Reason,
            _ => null,
        }).OfType<string>().ToHashSet();

        Assert.All(MigrationReasons.Failures.Where(r => !FromTargetSelection.Contains(r)), reason => Assert.Contains(reason, given));
    }

    [Fact]
    public void Every_failure_is_kept_to_the_end_of_a_rollback()
    {
        var kept = MigrationPlannerRollingBackTests.Rows.Select(row => MigrationPlanner.Decide((MigrationObservation)row[1]))
            .OfType<Finish>().Select(f => f.Reason).ToHashSet();

        Assert.All(MigrationReasons.Failures, reason => Assert.Contains(reason, kept));
    }
}
