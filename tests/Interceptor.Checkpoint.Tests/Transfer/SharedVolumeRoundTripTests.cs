using Interceptor.Checkpoint.Transfer;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Transfer;

public sealed class SharedVolumeRoundTripTests : IDisposable
{
    private readonly SharedVolumeFixture _fx = new();

    [Fact]
    public async Task A_published_archive_is_read_back_whole_under_a_deterministic_relative_reference()
    {
        var archive = _fx.Archive(3 * 1024 * 1024 + 17);

        var published = await _fx.Transfer().PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default);
        var path = await _fx.Reader().VerifyAsync(published, default);

        Assert.Equal("shared-volume", published.Kind);
        Assert.Equal("shop/3f2b6c1e-8d4a-4b7e-9c21-5a6d7e8f9012/app/attempt-1/checkpoint.tar", published.Reference);
        Assert.Equal(SharedVolumeFixture.Sha256Of(archive), published.Digest);
        Assert.Equal(new FileInfo(archive).Length, published.SizeBytes);
        Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(path));
        Assert.Equal($"{published.Digest["sha256:".Length..]}  checkpoint.tar\n", File.ReadAllText(_fx.Layout.ChecksumPath));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Checkpoints_are_readable_by_their_owner_only()
    {
        var published = await _fx.Transfer().PublishAsync(new CheckpointPublication(_fx.Archive(1000), SharedVolumeFixture.Destination), default);

        const UnixFileMode OwnerRw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerRw, File.GetUnixFileMode(_fx.Layout.ArchivePath));
        Assert.Equal(OwnerRw, File.GetUnixFileMode(_fx.Layout.ChecksumPath));
        Assert.Equal(OwnerRw | UnixFileMode.UserExecute, File.GetUnixFileMode(_fx.Layout.AttemptDirectory));
        Assert.Equal(OwnerRw | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_fx.Volume, "shop")));
        Assert.NotNull(published);
    }

    [Fact]
    public async Task Publishing_again_over_a_whole_copy_of_the_same_archive_changes_nothing()
    {
        var archive = _fx.Archive(50_000);
        var transfer = _fx.Transfer();
        var first = await transfer.PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default);
        var committedAt = Directory.GetLastWriteTimeUtc(_fx.Layout.ContainerDirectory);
        File.SetLastWriteTimeUtc(_fx.Layout.ArchivePath, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await transfer.PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default);

        Assert.Equal(first, second);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(_fx.Layout.ArchivePath));
        Assert.Equal(committedAt, Directory.GetLastWriteTimeUtc(_fx.Layout.ContainerDirectory));
    }

    [Fact]
    public async Task A_new_archive_for_the_same_attempt_replaces_the_copy_and_the_old_record_no_longer_verifies()
    {
        var transfer = _fx.Transfer();
        var old = await transfer.PublishAsync(new CheckpointPublication(_fx.Archive(4000, seed: 1), SharedVolumeFixture.Destination), default);

        var replaced = await transfer.PublishAsync(new CheckpointPublication(_fx.Archive(4000, seed: 2), SharedVolumeFixture.Destination), default);

        Assert.NotEqual(old.Digest, replaced.Digest);
        await _fx.Reader().VerifyAsync(replaced, default);
        var refused = await Assert.ThrowsAsync<SharedVolumeCheckpointException>(() => _fx.Reader().VerifyAsync(old, default));
        Assert.Equal(SharedVolumeFailure.DigestMismatch, refused.Failure);
        Assert.Single(Directory.GetDirectories(_fx.Layout.ContainerDirectory));
    }

    [Fact]
    public async Task Delete_removes_the_copy_and_its_empty_directories_and_a_second_delete_is_fine()
    {
        var transfer = _fx.Transfer();
        var published = await transfer.PublishAsync(new CheckpointPublication(_fx.Archive(100), SharedVolumeFixture.Destination), default);

        await transfer.DeleteAsync(published, default);
        await transfer.DeleteAsync(published, default);

        Assert.False(Directory.Exists(Path.Combine(_fx.Volume, "shop", SharedVolumeFixture.Destination.PodUid)));
        var refused = await Assert.ThrowsAsync<SharedVolumeCheckpointException>(() => _fx.Reader().VerifyAsync(published, default));
        Assert.Equal(SharedVolumeFailure.NotFound, refused.Failure);
    }

    public static TheoryData<string, CheckpointDestination> UnsafeDestinations => new()
    {
        { "a namespace that climbs out of the volume", SharedVolumeFixture.Destination with { Namespace = ".." } },
        { "a pod UID with a slash", SharedVolumeFixture.Destination with { PodUid = "abc/../../etc" } },
        { "a container with a path", SharedVolumeFixture.Destination with { Container = "app/../x" } },
        { "attempt zero", SharedVolumeFixture.Destination with { Attempt = 0 } },
    };

    [Theory]
    [MemberData(nameof(UnsafeDestinations))]
    public async Task A_destination_that_is_not_made_of_kubernetes_names_is_refused_before_anything_is_written(string because, CheckpointDestination destination)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _fx.Transfer().PublishAsync(new CheckpointPublication(_fx.Archive(10), destination), default));

        Assert.True(Directory.GetFileSystemEntries(_fx.Volume).Length == 0, because);
    }

    [Fact]
    public async Task An_unmounted_volume_is_an_error_not_a_new_local_directory()
    {
        var transfer = new SharedVolumeCheckpointTransfer(Path.Combine(_fx.Volume, "not-mounted"));

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => transfer.PublishAsync(new CheckpointPublication(_fx.Archive(10), SharedVolumeFixture.Destination), default));

        Assert.False(Directory.Exists(Path.Combine(_fx.Volume, "not-mounted")));
    }

    public void Dispose() => _fx.Dispose();
}
