using Interceptor.Api;
using Interceptor.Migration;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Checkpointing waits for the agent (its Checkpointed condition and one published entry per listed container of this
/// attempt) within the step timeout; Transferring checks every recorded reference before a node may run it.
/// </summary>
public sealed class MigrationPlannerCheckpointingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<string, MigrationObservation, MigrationAction> Checkpointing => new()
    {
        { "nothing published yet waits for the agent",
            Observe(InCheckpointing(Second, WithCheckpoints(Listed("app"), Listed("sidecar")))), new Wait(Second, "waiting for the agent's checkpoints") },
        { "one of two containers published waits for the other",
            Observe(InCheckpointing(Second, WithCheckpoints(Published("app"), Listed("sidecar")))), new Wait(Second, "") },
        { "every container published but not yet said by the agent waits",
            Observe(InCheckpointing(Second, WithCheckpoints(Published("app"), Published("sidecar")))), new Wait(Second, "") },
        { "Checkpointed True with every container of this attempt moves on to Transferring",
            Observe(InCheckpointing(Second, WithCheckpoints(Published("app"), Published("sidecar")), Checkpointed(PodMigrationConditions.True))), new MarkTransferring() },
        { "Checkpointed True with a container still unpublished waits",
            Observe(InCheckpointing(Second, WithCheckpoints(Published("app"), Listed("sidecar")), Checkpointed(PodMigrationConditions.True))), new Wait(Second, "") },
        { "Checkpointed True with no container recorded waits",
            Observe(InCheckpointing(Second, Checkpointed(PodMigrationConditions.True))), new Wait(Second, "") },
        { "entries of an earlier attempt do not count for this one",
            Observe(InCheckpointing(Second, OnAttempt(2), WithCheckpoints(Published("app", attempt: 1)), Checkpointed(PodMigrationConditions.True))), new Wait(Second, "") },
        { "entries of this attempt count on a later attempt",
            Observe(InCheckpointing(Second, OnAttempt(2), WithCheckpoints(Published("app", attempt: 2)), Checkpointed(PodMigrationConditions.True))), new MarkTransferring() },
        { "Checkpointed False rolls back with the agent's reason and message",
            Observe(InCheckpointing(Second, WithCheckpoints(Listed("app")),
                WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.False, CheckpointReasons.ArchiveRejected, "entry ../etc/passwd leaves the archive"))),
            new RollBack(MigrationReasons.CheckpointFailed, "ArchiveRejected: entry ../etc/passwd leaves the archive") },
        { "Checkpointed False rolls back even with every container published",
            Observe(InCheckpointing(Second, WithCheckpoints(Published("app")),
                WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.False, CheckpointReasons.TransferFailed, "registry said 503"))),
            new RollBack(MigrationReasons.CheckpointFailed, "TransferFailed: registry said 503") },
        { "the checkpoint step's 90 seconds passed rolls back",
            Observe(InCheckpointing(TimeSpan.FromSeconds(91), WithCheckpoints(Listed("app")))),
            new RollBack(MigrationReasons.CheckpointTimeout, "did not publish the checkpoints within 90s") },
        { "exactly 90 seconds in still waits",
            Observe(InCheckpointing(TimeSpan.FromSeconds(90), WithCheckpoints(Listed("app")))), new Wait(Second, "") },
        { "moving the clock past the step timeout rolls back",
            Observe(InCheckpointing(Second, WithCheckpoints(Listed("app"))), Later(TimeSpan.FromSeconds(90))), new RollBack(MigrationReasons.CheckpointTimeout, "") },
        { "the agent's failure is reported over the timeout",
            Observe(InCheckpointing(TimeSpan.FromSeconds(120), Checkpointed(PodMigrationConditions.False))), new RollBack(MigrationReasons.CheckpointFailed, "") },
        { "checkpoints complete after the timeout still move on: done beats late",
            Observe(InCheckpointing(TimeSpan.FromSeconds(120), WithCheckpoints(Published("app")), Checkpointed(PodMigrationConditions.True))), new MarkTransferring() },
    };

    public static TheoryData<string, MigrationObservation, MigrationAction> Transferring => new()
    {
        { "a bare pod's checked checkpoints become a replacement that is not parked",
            Observe(InTransferring(WithCheckpoints(Published("app")))), new CreateReplacement(Parked: false) },
        { "a ReplicaSet pod's replacement is created parked",
            Observe(InTransferring(WithCheckpoints(Published("app"))), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"))), new CreateReplacement(Parked: true) },
        { "two containers both checked become a replacement",
            Observe(InTransferring(WithCheckpoints(Published("app"), Published("sidecar")))), new CreateReplacement(Parked: false) },
        { "a reference by tag only is invalid: a tag can be moved",
            Observe(InTransferring(WithCheckpoints(Changed(Published("app"), c => c.Image = c.Reference = "registry.example/checkpoints/app:latest")))),
            new RollBack(MigrationReasons.CheckpointInvalid, "container app: The registry checkpoint of container 'app' is not pinned") },
        { "a checkpoint of another attempt is invalid",
            Observe(InTransferring(OnAttempt(2), WithCheckpoints(Published("app", attempt: 1)))), new RollBack(MigrationReasons.CheckpointInvalid, "belongs to attempt 1, not 2") },
        { "one bad container of two is enough to roll back, and it is named",
            Observe(InTransferring(WithCheckpoints(Published("app"), Changed(Published("sidecar"), c => c.Digest = "sha256:" + new string('e', 64))))),
            new RollBack(MigrationReasons.CheckpointInvalid, "container sidecar:") },
        { "a shared-volume path of another pod is invalid",
            Observe(InTransferring(WithCheckpoints(new ContainerCheckpoint
            {
                Container = "app", Transport = "shared-volume", Attempt = 1, Reference = "shop/1111aaaa-8d7e-4a5b-9f1e-2f5c7a9d1e33/app/attempt-1/checkpoint.tar",
            }))),
            new RollBack(MigrationReasons.CheckpointInvalid, $"not 'shop/{PodUid}/app/attempt-1/checkpoint.tar'") },
        { "a shared-volume path of this pod is fine",
            Observe(InTransferring(WithCheckpoints(new ContainerCheckpoint
            {
                Container = "app", Transport = "shared-volume", Attempt = 1, Reference = $"shop/{PodUid}/app/attempt-1/checkpoint.tar",
            }))),
            new CreateReplacement(Parked: false) },
    };

    [Theory]
    [MemberData(nameof(Checkpointing))]
    public void Checkpointing_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    [Theory]
    [MemberData(nameof(Transferring))]
    public void Transferring_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    private static PodMigration InCheckpointing(TimeSpan enteredAgo, params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(10)), WithTarget(), TrafficOffAgo(enteredAgo),
        Entered(MigrationPhases.Checkpointing, enteredAgo), .. more,
    ]);

    private static PodMigration InTransferring(params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(10)), WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(20)),
        Entered(MigrationPhases.Checkpointing, TimeSpan.FromSeconds(20)), Checkpointed(PodMigrationConditions.True), Entered(MigrationPhases.Transferring), .. more,
    ]);

    private static Action<PodMigration> Checkpointed(string status) =>
        WithCondition(PodMigrationConditions.Checkpointed, status, status == PodMigrationConditions.True ? CheckpointReasons.CheckpointsPublished : CheckpointReasons.ArchiveUnreadable);

    private static ContainerCheckpoint Changed(ContainerCheckpoint checkpoint, Action<ContainerCheckpoint> change)
    {
        change(checkpoint);
        return checkpoint;
    }
}
