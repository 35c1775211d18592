using Interceptor.Agent;
using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;
using k8s.Models;
using Xunit;

namespace Interceptor.Tests.Agent;

public sealed class CheckpointStatusTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly PublishedCheckpoint Published = new("shared-volume", "shop/uid/app/attempt-2/checkpoint.tar", "sha256:" + new string('a', 64), 4096);

    private static PodMigration Migration(int attempt = 2) => new()
    {
        Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "shop", Generation = 3 },
        Status = new PodMigrationStatus { Phase = MigrationPhases.Checkpointing, Attempt = attempt, Checkpoints = [new ContainerCheckpoint { Container = "app" }] },
    };

    [Fact]
    public void A_published_checkpoint_fills_its_containers_entry_once()
    {
        var migration = Migration();

        Assert.True(CheckpointStatus.RecordPublished(migration, 2, "app", Published));
        Assert.False(CheckpointStatus.RecordPublished(migration, 2, "app", Published));

        var entry = Assert.Single(migration.Status!.Checkpoints!);
        Assert.Equal((Published.Kind, Published.Reference, Published.Digest, Published.SizeBytes, 2), (entry.Transport, entry.Reference, entry.Digest, entry.SizeBytes!.Value, entry.Attempt!.Value));
        Assert.Null(entry.Image);
    }

    [Fact]
    public void A_registry_checkpoint_is_also_the_image_the_target_runs() =>
        Assert.True(CheckpointStatus.RecordPublished(Migration(), 2, "app", Published with { Kind = "registry", Reference = "registry.invalid/ckpt@sha256:" + new string('b', 64) }));

    [Fact]
    public void Nothing_is_written_for_an_attempt_the_controller_has_left_or_a_container_it_did_not_list()
    {
        Assert.False(CheckpointStatus.RecordPublished(Migration(attempt: 3), 2, "app", Published));
        Assert.False(CheckpointStatus.RecordPublished(Migration(), 2, "unlisted", Published));
        Assert.False(CheckpointStatus.RecordCondition(Migration(attempt: 3), 2, PodMigrationConditions.False, CheckpointReasons.TransferFailed, "x", T0));
    }

    [Fact]
    public void The_condition_carries_the_generation_and_keeps_its_transition_time_while_its_status_holds()
    {
        var migration = Migration();

        Assert.True(CheckpointStatus.RecordCondition(migration, 2, PodMigrationConditions.False, CheckpointReasons.ArchiveRejected, "rule ParentTraversal", T0));
        Assert.False(CheckpointStatus.RecordCondition(migration, 2, PodMigrationConditions.False, CheckpointReasons.ArchiveRejected, "again", T0.AddMinutes(1)));
        Assert.True(CheckpointStatus.RecordCondition(migration, 2, PodMigrationConditions.False, CheckpointReasons.TransferFailed, "other", T0.AddMinutes(2)));

        var condition = Assert.Single(migration.Status!.Conditions!);
        Assert.Equal((CheckpointReasons.TransferFailed, 3L, T0), (condition.Reason, condition.ObservedGeneration!.Value, condition.LastTransitionTime));
    }
}
