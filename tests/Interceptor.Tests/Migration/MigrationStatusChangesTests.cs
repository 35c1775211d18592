using Interceptor.Api;
using Interceptor.Migration;
using Interceptor.Tests.Builders;
using k8s;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;

namespace Interceptor.Tests.Migration;

/// <summary>
/// The status changes are re-applied to fresh reads (after a 409, after a crash): each must say "nothing to write"
/// the second time and leave the status as it was; the history gets one entry per phase; the commit measures the
/// downtime; conditions carry the generation they were written for.
/// </summary>
public sealed class MigrationStatusChangesTests
{
    private static readonly DateTime Now = TestClock.Now.UtcDateTime;
    private static readonly DateTime Later = Now.AddSeconds(5);

    public static TheoryData<string, PodMigration, Func<PodMigration, DateTime, bool>> Changes => new()
    {
        { "queueing a new migration", TestMigrations.Migration(),
            (m, now) => MigrationStatusChanges.EnterPhase(m, MigrationPhases.Pending, MigrationReasons.Queued, "queued: 2 migrations are leaving node node-a", now) },
        { "admitting a pending migration", TestMigrations.Migration(Entered(MigrationPhases.Pending), WithReason(MigrationReasons.Queued)),
            (m, now) => MigrationStatusChanges.Admit(m, Admission, now) },
        { "admitting a new migration", TestMigrations.Migration(),
            (m, now) => MigrationStatusChanges.Admit(m, Admission, now) },
        { "recording the target", Preparing(),
            (m, now) => MigrationStatusChanges.TargetSelected(m, TargetNode, now) },
        { "recording traffic off", Preparing(WithTarget()),
            (m, now) => MigrationStatusChanges.TrafficOff(m, now) },
        { "requesting the checkpoint", Preparing(WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(1))),
            (m, now) => MigrationStatusChanges.RequestCheckpoint(m, ["proxy", "app"], now) },
        { "entering Transferring", Checkpointing(),
            (m, now) => MigrationStatusChanges.EnterPhase(m, MigrationPhases.Transferring, MigrationReasons.CheckpointsPublished, "checkpoints published", now) },
        { "recording the replacement", Checkpointing(Entered(MigrationPhases.Transferring)),
            (m, now) => MigrationStatusChanges.ReplacementCreated(m, ReplacementName, now) },
        { "committing", Checkpointing(Entered(MigrationPhases.Transferring), WithReplacement(), Entered(MigrationPhases.Restoring)),
            (m, now) => MigrationStatusChanges.Commit(m, new Commit(true, "restored and Ready"), now) },
        { "committing a cold start", Checkpointing(Entered(MigrationPhases.Transferring), WithReplacement(), Entered(MigrationPhases.Restoring)),
            (m, now) => MigrationStatusChanges.Commit(m, new Commit(false, "started cold"), now) },
        { "rolling back", Checkpointing(),
            (m, now) => MigrationStatusChanges.EnterPhase(m, MigrationPhases.RollingBack, MigrationReasons.CheckpointTimeout, "no checkpoint within 90s", now) },
        { "completing", Checkpointing(Entered(MigrationPhases.RollingBack)),
            (m, now) => MigrationStatusChanges.Complete(m, MigrationPhases.RolledBack, MigrationReasons.CheckpointTimeout, "rolled back", now) },
    };

    private static Admit Admission => new(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), true, true, null);

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_applied_twice_writes_nothing_the_second_time(string change, PodMigration migration, Func<PodMigration, DateTime, bool> apply)
    {
        Assert.True(apply(migration, Now), $"{change}: the first time there is something to write");
        var written = KubernetesJson.Serialize(migration.Status);

        Assert.False(apply(migration, Later), $"{change}: the second time there is nothing to write");
        Assert.Equal(written, KubernetesJson.Serialize(migration.Status));
    }

    [Fact]
    public void Admitting_a_migration_already_past_Pending_changes_nothing()
    {
        // A re-read after a 409 may find the migration further on: entering Preparing again would undo that.
        var migration = Checkpointing(Entered(MigrationPhases.Transferring));
        var before = KubernetesJson.Serialize(migration.Status);

        Assert.False(MigrationStatusChanges.Admit(migration, Admission, Now));
        Assert.Equal(before, KubernetesJson.Serialize(migration.Status));
    }

    [Fact]
    public void The_history_gets_one_entry_per_phase_entered_each_at_its_time()
    {
        var m = TestMigrations.Migration(WithGeneration(3));
        var t = Now;
        DateTime Tick() => t = t.AddSeconds(1);
        Func<bool>[] steps =
        [
            () => MigrationStatusChanges.EnterPhase(m, MigrationPhases.Pending, MigrationReasons.Queued, "queued", Tick()),
            () => MigrationStatusChanges.Admit(m, Admission, Tick()),
            () => MigrationStatusChanges.TargetSelected(m, TargetNode, Tick()),
            () => MigrationStatusChanges.TrafficOff(m, Tick()),
            () => MigrationStatusChanges.RequestCheckpoint(m, ["app"], Tick()),
            () => MigrationStatusChanges.EnterPhase(m, MigrationPhases.Transferring, MigrationReasons.CheckpointsPublished, "published", Tick()),
            () => MigrationStatusChanges.ReplacementCreated(m, ReplacementName, Tick()),
            () => MigrationStatusChanges.Commit(m, new Commit(true, "restored"), Tick()),
            () => MigrationStatusChanges.Complete(m, MigrationPhases.Succeeded, MigrationReasons.Restored, "done", Tick()),
        ];

        foreach (var step in steps)
        {
            Assert.True(step());
            Assert.False(step());
        }

        var history = m.Status!.PhaseHistory!;
        Assert.Equal(
            [MigrationPhases.Pending, MigrationPhases.Preparing, MigrationPhases.Checkpointing, MigrationPhases.Transferring,
             MigrationPhases.Restoring, MigrationPhases.Committing, MigrationPhases.Succeeded],
            history.Select(h => h.Phase));

        // Each phase at the first time it was entered (Preparing at the admission, not at the target or traffic-off step).
        Assert.Equal([1, 3, 9, 11, 13, 15, 17], history.Select(h => (int)(h.Time - Now).TotalSeconds));
        Assert.Equal(
            [MigrationReasons.Queued, MigrationReasons.Admitted, MigrationReasons.CheckpointRequested, MigrationReasons.CheckpointsPublished,
             MigrationReasons.ReplacementCreated, MigrationReasons.ReplacementReady, MigrationReasons.Restored],
            history.Select(h => h.Reason));
        Assert.Equal(3, m.Status.ObservedGeneration);
    }

    [Fact]
    public void Commit_measures_the_downtime_from_traffic_off_to_the_replacement_Ready()
    {
        var m = Checkpointing(m => m.Status!.TrafficOffTime = Now.AddSeconds(-12.345), Entered(MigrationPhases.Restoring));

        Assert.True(MigrationStatusChanges.Commit(m, new Commit(true, "restored"), Now));

        Assert.Equal(Now, m.Status!.ReplacementReadyTime);
        Assert.Equal(12.345, m.Status.DowntimeSeconds);
        Assert.Equal(MigrationPhases.Committing, m.Status.Phase);
    }

    [Fact]
    public void Commit_applied_again_later_keeps_the_first_downtime()
    {
        var m = Checkpointing(m => m.Status!.TrafficOffTime = Now.AddSeconds(-4), Entered(MigrationPhases.Restoring));

        MigrationStatusChanges.Commit(m, new Commit(true, "restored"), Now);
        MigrationStatusChanges.Commit(m, new Commit(true, "restored"), Later);

        Assert.Equal(4, m.Status!.DowntimeSeconds);
        Assert.Equal(Now, m.Status.ReplacementReadyTime);
    }

    [Fact]
    public void Commit_without_traffic_off_records_no_downtime()
    {
        var m = Checkpointing(m => m.Status!.TrafficOffTime = null, Entered(MigrationPhases.Restoring));

        MigrationStatusChanges.Commit(m, new Commit(true, "restored"), Now);

        Assert.Null(m.Status!.DowntimeSeconds);
        Assert.Equal(Now, m.Status.ReplacementReadyTime);
    }

    [Theory]
    [InlineData(true, "True", MigrationReasons.Restored)]
    [InlineData(false, "False", MigrationReasons.RestoreNotVerified)]
    public void Commit_records_whether_the_restore_was_verified_for_the_current_generation(bool restored, string status, string reason)
    {
        var m = Checkpointing(WithGeneration(4), Entered(MigrationPhases.Restoring));

        MigrationStatusChanges.Commit(m, new Commit(restored, "the commit message"), Now);

        var condition = Assert.Single(m.Status!.Conditions!, c => c.Type == PodMigrationConditions.Restored);
        Assert.Equal((status, reason, "the commit message", 4L, Now), (condition.Status, condition.Reason, condition.Message, condition.ObservedGeneration, condition.LastTransitionTime));
        Assert.Equal(4, m.Status.ObservedGeneration);
    }

    [Fact]
    public void A_condition_set_again_keeps_its_transition_time_and_takes_the_new_generation()
    {
        var m = TestMigrations.Migration(WithGeneration(2));
        MigrationStatusChanges.SetCondition(m, PodMigrationConditions.CheckpointsDeleted, "True", "Deleted", "2 images deleted", Now);
        m.Metadata.Generation = 3;

        MigrationStatusChanges.SetCondition(m, PodMigrationConditions.CheckpointsDeleted, "True", "Deleted", "2 images deleted", Later);

        var condition = Assert.Single(m.Status!.Conditions!);
        Assert.Equal((Now, 3L), (condition.LastTransitionTime, condition.ObservedGeneration));
    }

    [Fact]
    public void A_condition_that_changes_status_moves_its_transition_time()
    {
        var m = TestMigrations.Migration();
        MigrationStatusChanges.SetCondition(m, PodMigrationConditions.CheckpointsDeleted, "False", "TransportMissing", "no transport", Now);

        MigrationStatusChanges.SetCondition(m, PodMigrationConditions.CheckpointsDeleted, "True", "Deleted", "deleted", Later);

        var condition = Assert.Single(m.Status!.Conditions!);
        Assert.Equal(("True", Later, 1L), (condition.Status, condition.LastTransitionTime, condition.ObservedGeneration));
    }

    [Fact]
    public void Requesting_the_checkpoint_drops_an_earlier_attempt_and_its_condition()
    {
        var m = Preparing(WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(1)), OnAttempt(2),
            WithCheckpoints(Published("app", attempt: 1), Published("proxy", attempt: 2)),
            WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.False, CheckpointReasons.TransferFailed));

        Assert.True(MigrationStatusChanges.RequestCheckpoint(m, ["proxy", "app"], Now));

        var entries = m.Status!.Checkpoints!;
        Assert.Equal(["proxy", "app"], entries.Select(c => c.Container));
        Assert.NotNull(entries[0].Reference);
        Assert.Null(entries[1].Reference);
        Assert.DoesNotContain(m.Status.Conditions!, c => c.Type == PodMigrationConditions.Checkpointed);
        Assert.Equal(MigrationPhases.Checkpointing, m.Status.Phase);
    }

    [Fact]
    public void Admitting_records_the_deadline_the_estimate_and_how_traffic_is_switched()
    {
        var m = TestMigrations.Migration(WithGeneration(2));

        MigrationStatusChanges.Admit(m, new Admit(TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(65), true, false, null), Now);

        var s = m.Status!;
        Assert.Equal((Now, 1, Now.AddSeconds(180), 65d, true), (s.StartTime, s.Attempt, s.Deadline, s.EstimatedSeconds, s.SourceNodeDraining));
        Assert.Equal(TrafficSwitches.None, s.TrafficSwitch);
        Assert.Contains("no interceptor.dev/serving readiness gate", s.Message, StringComparison.Ordinal);
        Assert.Equal((MigrationPhases.Preparing, MigrationReasons.Admitted, 2L), (s.Phase, s.Reason, s.ObservedGeneration));
    }

    [Fact]
    public void Completing_keeps_the_first_completion_time()
    {
        var m = Checkpointing(Entered(MigrationPhases.Committing), CompletedAgo(TimeSpan.FromSeconds(30)));

        MigrationStatusChanges.Complete(m, MigrationPhases.Succeeded, MigrationReasons.Restored, "done", Now);

        Assert.Equal(TestClock.Ago(30), m.Status!.CompletionTime);
    }

    private static PodMigration Preparing(params Action<PodMigration>[] more) =>
        TestMigrations.Migration([Entered(MigrationPhases.Pending, TimeSpan.FromSeconds(20)), Entered(MigrationPhases.Preparing, TimeSpan.FromSeconds(10)),
            WithReason(MigrationReasons.Admitted, "admitted"), OnAttempt(1), .. more]);

    private static PodMigration Checkpointing(params Action<PodMigration>[] more) =>
        Preparing([WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(5)), WithCheckpoints(Published("app")),
            WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.True), Entered(MigrationPhases.Checkpointing, TimeSpan.FromSeconds(5)), .. more]);
}
