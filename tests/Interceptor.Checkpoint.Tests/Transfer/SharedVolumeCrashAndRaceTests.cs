using Interceptor.Checkpoint.Transfer;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Transfer;

public sealed class SharedVolumeCrashAndRaceTests : IDisposable
{
    private readonly SharedVolumeFixture _fx = new();

    [Fact]
    public async Task A_crashed_publishers_stale_staging_directory_is_removed_and_a_live_one_is_left_alone()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var layout = _fx.Layout;
        var stale = Leftover(layout, layout.StagingPrefix + "crashed", now - TimeSpan.FromMinutes(30));
        var replacedLeftover = Leftover(layout, layout.ReplacedPrefix + "crashed", now - TimeSpan.FromMinutes(30));
        var live = Leftover(layout, layout.StagingPrefix + "busy", now - TimeSpan.FromSeconds(5));

        var published = await _fx.Transfer(new FakeTimeProvider(now)).PublishAsync(new CheckpointPublication(_fx.Archive(1000), SharedVolumeFixture.Destination), default);

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(replacedLeftover));
        Assert.True(Directory.Exists(live));
        await _fx.Reader().VerifyAsync(published, default);
    }

    [Fact]
    public async Task Concurrent_publishers_of_the_same_archive_all_succeed_with_one_committed_copy()
    {
        var archive = _fx.Archive(2 * 1024 * 1024);
        var transfer = _fx.Transfer();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => transfer.PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default))));

        Assert.Single(results.Distinct());
        Assert.Equal(SharedVolumeFixture.Sha256Of(archive), results[0].Digest);
        Assert.Equal([_fx.Layout.AttemptDirectory], Directory.GetDirectories(_fx.Layout.ContainerDirectory));
        await _fx.Reader().VerifyAsync(results[0], default);
    }

    [Fact]
    public async Task Concurrent_publishers_of_different_archives_leave_one_whole_copy_that_one_of_them_reported()
    {
        var archives = Enumerable.Range(1, 6).Select(seed => _fx.Archive(512 * 1024, seed)).ToArray();
        var transfer = _fx.Transfer();

        var results = await Task.WhenAll(archives.Select(a =>
            Task.Run(() => transfer.PublishAsync(new CheckpointPublication(a, SharedVolumeFixture.Destination), default))));

        var committed = SharedVolumeFixture.Sha256Of(_fx.Layout.ArchivePath);
        var winner = Assert.Single(results, r => r.Digest == committed);
        await _fx.Reader().VerifyAsync(winner, default);
        Assert.Equal([_fx.Layout.AttemptDirectory], Directory.GetDirectories(_fx.Layout.ContainerDirectory));
    }

    [Fact]
    public async Task A_publisher_waits_while_another_holds_the_destination()
    {
        var layout = _fx.Layout;
        Directory.CreateDirectory(layout.ContainerDirectory);
        var held = await DestinationLock.AcquireAsync(DestinationLock.PathFor(layout), TimeSpan.FromSeconds(5), TimeProvider.System, default);

        var publishing = _fx.Transfer().PublishAsync(new CheckpointPublication(_fx.Archive(1000), SharedVolumeFixture.Destination), default);
        await Task.Delay(300);
        var finishedWhileHeld = publishing.IsCompleted;
        held.Dispose();
        var published = await publishing.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(finishedWhileHeld);
        await _fx.Reader().VerifyAsync(published, default);
    }

    private static string Leftover(SharedVolumeLayout layout, string name, DateTimeOffset writtenAt)
    {
        var path = Directory.CreateDirectory(Path.Combine(layout.ContainerDirectory, name)).FullName;
        var file = Path.Combine(path, SharedVolumeLayout.ArchiveFileName);
        File.WriteAllText(file, "half a checkpoint");
        File.SetLastWriteTimeUtc(file, writtenAt.UtcDateTime);
        Directory.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
        return path;
    }

    public void Dispose() => _fx.Dispose();
}
