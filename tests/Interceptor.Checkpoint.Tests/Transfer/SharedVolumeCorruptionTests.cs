using Interceptor.Checkpoint.Transfer;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Transfer;

public sealed class SharedVolumeCorruptionTests : IDisposable
{
    private readonly SharedVolumeFixture _fx = new();

    public static TheoryData<string, Action<SharedVolumeLayout>, SharedVolumeFailure> Damage => new()
    {
        { "one flipped byte is corruption", l => FlipByte(l.ArchivePath, 5000), SharedVolumeFailure.ChecksumMismatch },
        { "a cut-off archive is a partial copy", l => Truncate(l.ArchivePath, 1000), SharedVolumeFailure.Partial },
        { "bytes appended are corruption", l => File.AppendAllText(l.ArchivePath, "x"), SharedVolumeFailure.ChecksumMismatch },
        { "no checksum file means never committed", l => File.Delete(l.ChecksumPath), SharedVolumeFailure.MissingChecksum },
        { "a checksum file that is not a sha256sum line", l => File.WriteAllText(l.ChecksumPath, "not a digest\n"), SharedVolumeFailure.InvalidChecksum },
        { "a checksum for another file name", l => File.WriteAllText(l.ChecksumPath, new string('a', 64) + "  other.tar\n"), SharedVolumeFailure.InvalidChecksum },
        { "a missing archive", l => File.Delete(l.ArchivePath), SharedVolumeFailure.NotFound },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task The_reader_refuses_a_damaged_copy_with_a_typed_failure(string because, Action<SharedVolumeLayout> damage, SharedVolumeFailure expected)
    {
        var published = await _fx.Transfer().PublishAsync(new CheckpointPublication(_fx.Archive(20_000), SharedVolumeFixture.Destination), default);
        damage(_fx.Layout);

        var refused = await Assert.ThrowsAsync<SharedVolumeCheckpointException>(() => _fx.Reader().VerifyAsync(published, default));

        Assert.True(expected == refused.Failure, $"{because}: got {refused.Failure}");
        Assert.Equal(published.Reference, refused.Reference);
        Assert.Contains($"({expected})", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/shop/uid/app/attempt-1/checkpoint.tar")]
    [InlineData("shop/uid/app/attempt-0/checkpoint.tar")]
    [InlineData("shop/uid/app/attempt-1/../../../../x/checkpoint.tar")]
    [InlineData("shop/uid/app/attempt-1/checkpoint.tar.sha256")]
    public async Task A_reference_not_shaped_like_a_publication_is_refused_without_touching_the_file_system(string reference)
    {
        var refused = await Assert.ThrowsAsync<SharedVolumeCheckpointException>(
            () => _fx.Reader().VerifyAsync(new PublishedCheckpoint("shared-volume", reference, "sha256:" + new string('0', 64), 1), default));

        Assert.Equal(SharedVolumeFailure.InvalidReference, refused.Failure);
    }

    [Fact]
    public async Task Publishing_again_over_a_corrupted_copy_replaces_it()
    {
        var archive = _fx.Archive(20_000);
        var transfer = _fx.Transfer();
        await transfer.PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default);
        FlipByte(_fx.Layout.ArchivePath, 10);

        var republished = await transfer.PublishAsync(new CheckpointPublication(archive, SharedVolumeFixture.Destination), default);

        Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(await _fx.Reader().VerifyAsync(republished, default)));
        Assert.Single(Directory.GetDirectories(_fx.Layout.ContainerDirectory));
    }

    private static void FlipByte(string path, long at)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = at;
        var value = file.ReadByte();
        file.Position = at;
        file.WriteByte((byte)(value ^ 0xFF));
    }

    private static void Truncate(string path, long length)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    public void Dispose() => _fx.Dispose();
}
