using System.Formats.Tar;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>
/// The tenant-controlled part of a checkpoint (issue 9, item 14): rootfs-diff.tar is checked with every rule
/// the checkpoint is, inside the same single pass, and deleted.files may only name paths inside the root.
/// </summary>
// Runs alone: its allocation bounds read the process-wide counter, which parallel tests would inflate.
[Collection(nameof(MemoryMeasurement))]
public sealed class RootfsDiffTests
{
    private sealed record Case(Action<List<TestEntry>> Change, ArchiveRule Rule, string Entry, ArchiveRules? Rules = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["A nested entry climbing out with '..' is refused"] =
            new(WithRootfsDiff(File("../../etc/cron.d/evil")), ArchiveRule.ParentTraversal, "rootfs-diff.tar:../../etc/cron.d/evil"),
        ["A nested absolute entry is refused"] =
            new(WithRootfsDiff(File("/etc/shadow")), ArchiveRule.AbsolutePath, "rootfs-diff.tar:/etc/shadow"),
        ["A nested absolute symbolic link is refused"] =
            new(WithRootfsDiff(Symlink("etc/passwd", "/etc/passwd")), ArchiveRule.LinkOutsideArchive, "rootfs-diff.tar:etc/passwd"),
        ["A nested symbolic link climbing above the root is refused"] =
            new(WithRootfsDiff(Symlink("up", "../../../var/run/docker.sock")), ArchiveRule.LinkOutsideArchive, "rootfs-diff.tar:up"),
        ["A nested entry written through a nested link is refused"] =
            new(WithRootfsDiff(Directory("d/"), Symlink("alias", "d"), File("alias/file")), ArchiveRule.ParentNotDirectory, "rootfs-diff.tar:alias/file"),
        ["A nested device is refused"] =
            new(WithRootfsDiff(Device("dev/sda", TarEntryType.BlockDevice)), ArchiveRule.DeviceFile, "rootfs-diff.tar:dev/sda"),
        ["A nested setuid file is refused"] =
            new(WithRootfsDiff(new TestEntry("bin/su", () => new PaxTarEntry(TarEntryType.RegularFile, "bin/su") { Mode = UnixFileMode.SetUser | UnixFileMode.UserExecute })), ArchiveRule.PrivilegedMode, "rootfs-diff.tar:bin/su"),
        ["A nested name with a terminal escape is refused"] =
            new(WithRootfsDiff(File("tmp/\u001b[2J")), ArchiveRule.InvalidName, "rootfs-diff.tar:tmp/\u001b[2J"),
        ["A nested archive with more entries than the limit is refused"] =
            new(WithRootfsDiff([.. Enumerable.Range(0, 25).Select(i => File($"f{i}"))]), ArchiveRule.TooManyEntries, "rootfs-diff.tar:f20", new ArchiveRules { MaxEntryCount = 20 }),
        ["A nested duplicate is refused"] =
            new(WithRootfsDiff(File("a"), File("./a")), ArchiveRule.DuplicateEntry, "rootfs-diff.tar:a"),
        ["A rootfs-diff.tar that is not a tar is refused"] =
            new(Replacing("rootfs-diff.tar", File("./rootfs-diff.tar", "this is not a tar archive, just text")), ArchiveRule.Truncated, "rootfs-diff.tar"),
        ["A deleted.files path climbing out is refused"] =
            new(With(File("deleted.files", """["/tmp/x","/root/../../etc"]""")), ArchiveRule.ParentTraversal, "deleted.files"),
        ["A deleted.files path naming the root itself is refused"] =
            new(With(File("deleted.files", """["/"]""")), ArchiveRule.InvalidName, "deleted.files"),
        ["A deleted.files path with a control character is refused"] =
            new(With(File("deleted.files", """["/tmp/\u001b[2J"]""")), ArchiveRule.InvalidName, "deleted.files"),
        ["A deleted.files that is not a list of paths is refused"] =
            new(With(File("deleted.files", """{"path":"/tmp"}""")), ArchiveRule.InvalidMetadata, "deleted.files"),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Rejects(string sentence)
    {
        var (change, rule, entry, rules) = Cases[sentence];

        await ArchiveAssert.RejectedAsync(CheckpointTar(change), rule, entry, rules);
    }

    [Fact]
    public async Task Ordinary_changes_and_deletions_are_accepted_and_counted()
    {
        var archive = await ArchiveAssert.ReadAsync(CheckpointTar(With(File("deleted.files", """["/root/.config","/tmp/x"]"""))));

        Assert.Equal(TestArchives.RootfsDiff.Length, archive.Sizes.RootfsDiffBytes);
    }

    [Fact]
    public async Task An_empty_rootfs_diff_is_accepted()
    {
        await ArchiveAssert.ReadAsync(CheckpointTar(Replacing("rootfs-diff.tar", File("./rootfs-diff.tar", new byte[1024]))));
        await ArchiveAssert.ReadAsync(CheckpointTar(Replacing("rootfs-diff.tar", File("./rootfs-diff.tar", []))));
    }

    [Fact]
    public async Task A_nested_256_MiB_extended_header_is_refused_before_it_is_read()
    {
        var nested = TarBytes.WithDeclaredSize(Write([File(new string('p', 150))]), headerOffset: 0, size: 256L << 20);

        var error = await Assert.ThrowsAsync<CheckpointArchiveException>(() =>
            ArchiveAssert.ReadAsync(CheckpointTar(Replacing("rootfs-diff.tar", File("./rootfs-diff.tar", nested)))));

        Assert.Equal(ArchiveRule.ExtendedHeaderTooLarge, error.Rule);
        Assert.StartsWith("rootfs-diff.tar:", error.EntryName, StringComparison.Ordinal);
        Assert.Contains("inside rootfs-diff.tar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nested_tar_is_streamed_not_buffered()
    {
        const int Big = 32 << 20;
        var bytes = CheckpointTar(WithRootfsDiff(File("var/lib/big.db", Big)));
        var reader = new CheckpointArchiveReader();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var archive = await reader.ReadAsync(new MemoryStream(bytes));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(archive.Sizes.RootfsDiffBytes > Big);
        Assert.True(allocated < 4 << 20, $"reading a {Big >> 20} MiB rootfs-diff.tar allocated {allocated >> 20} MiB");
    }
}
