using System.Formats.Tar;
using Interceptor.Checkpoint.Archive;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>
/// One synthetic archive per hostile rule. Each row is the base CRI-O checkpoint plus one hostile
/// change, so the rule reported is the one the change breaks.
/// </summary>
public sealed class HostileArchiveTests
{
    private sealed record Case(Func<byte[]> Archive, ArchiveRule Rule, string? Entry, ArchiveRules? Rules = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["An entry with an absolute path is refused"] =
            new(() => CheckpointTar(With(File("/etc/cron.d/evil"))), ArchiveRule.AbsolutePath, "/etc/cron.d/evil"),
        ["An entry climbing out of the archive with '..' is refused"] =
            new(() => CheckpointTar(With(File("../../etc/passwd"))), ArchiveRule.ParentTraversal, "../../etc/passwd"),
        ["An entry with a '..' segment is refused even when it would stay inside"] =
            new(() => CheckpointTar(With(File("checkpoint/../extra"))), ArchiveRule.ParentTraversal, "checkpoint/../extra"),
        ["An entry name holding a backslash is refused"] =
            new(() => CheckpointTar(With(File("..\\..\\evil"))), ArchiveRule.InvalidName, "..\\..\\evil"),
        ["An entry name holding a NUL character is refused"] =
            new(() => CheckpointTar(With(File(new string('n', 120) + "\0.img"))), ArchiveRule.InvalidName, new string('n', 120) + "\0.img"),
        ["An entry name longer than PATH_MAX is refused"] =
            new(() => CheckpointTar(With(File(new string('a', 5000)))), ArchiveRule.InvalidName, new string('a', 256) + "..."),
        ["A regular file named as the archive root is refused"] =
            new(() => CheckpointTar(With(File("./."))), ArchiveRule.InvalidName, "./."),
        ["A symbolic link to an absolute path is refused"] =
            new(() => CheckpointTar(With(Symlink("checkpoint/passwd", "/etc/passwd"))), ArchiveRule.LinkOutsideArchive, "checkpoint/passwd"),
        ["A symbolic link climbing above the archive root is refused"] =
            new(() => CheckpointTar(With(Symlink("checkpoint/up", "../../var/run"))), ArchiveRule.LinkOutsideArchive, "checkpoint/up"),
        ["A hard link to an absolute path is refused"] =
            new(() => CheckpointTar(With(HardLink("checkpoint/shadow", "/etc/shadow"))), ArchiveRule.LinkOutsideArchive, "checkpoint/shadow"),
        ["A hard link to a file the archive does not hold is refused"] =
            new(() => CheckpointTar(With(HardLink("checkpoint/h", "not-there"))), ArchiveRule.LinkOutsideArchive, "checkpoint/h"),
        ["A hard link written before its target is refused"] =
            new(() => CheckpointTar(First(HardLink("early", "config.dump"))), ArchiveRule.LinkOutsideArchive, "early"),
        ["A symbolic link through another symbolic link is refused, since lexically it stays inside but really climbs out"] =
            new(() => CheckpointTar(With(Symlink("dot", "."), Symlink("escape", "dot/.."))), ArchiveRule.LinkThroughLink, "escape"),
        ["An entry under a symbolic link is refused even when the link comes after it"] =
            new(() => CheckpointTar(With(File("alias/file"), Symlink("alias", "checkpoint"))), ArchiveRule.ParentNotDirectory, "alias/file"),
        ["An entry under a regular file is refused"] =
            new(() => CheckpointTar(With(File("dump.log/inner"))), ArchiveRule.ParentNotDirectory, "dump.log/inner"),
        ["A character device is refused"] =
            new(() => CheckpointTar(With(Device("checkpoint/null", TarEntryType.CharacterDevice))), ArchiveRule.DeviceFile, "checkpoint/null"),
        ["A block device is refused"] =
            new(() => CheckpointTar(With(Device("sda", TarEntryType.BlockDevice))), ArchiveRule.DeviceFile, "sda"),
        ["A FIFO is refused"] =
            new(() => CheckpointTar(With(Fifo("checkpoint/pipe"))), ArchiveRule.DisallowedEntryType, "checkpoint/pipe"),
        ["A GNU sparse file, whose data would expand to a terabyte, is refused"] =
            new(() => CheckpointTar(With(GnuSparse("checkpoint/sparse.img"))), ArchiveRule.DisallowedEntryType, "checkpoint/sparse.img"),
        ["An entry over the entry size limit is refused"] =
            new(() => CheckpointTar(), ArchiveRule.EntryTooLarge, "checkpoint/pages-1.img", new ArchiveRules { MaxEntrySize = 4096 }),
        ["A config.dump over the 1 MiB metadata limit is refused before it is read"] =
            new(() => CheckpointTar(Replacing("config.dump", File("config.dump", (1 << 20) + 1))), ArchiveRule.EntryTooLarge, "config.dump"),
        ["An archive over the total size limit is refused"] =
            new(() => CheckpointTar(), ArchiveRule.ArchiveTooLarge, "checkpoint/pages-1.img", new ArchiveRules { MaxTotalSize = 12_000 }),
        ["An archive with more entries than the limit is refused"] =
            new(() => CheckpointTar(), ArchiveRule.TooManyEntries, "./checkpoint/", new ArchiveRules { MaxEntryCount = 3 }),
        ["A second entry with the same path is refused"] =
            new(() => CheckpointTar(With(File("config.dump", "{}"))), ArchiveRule.DuplicateEntry, "config.dump"),
        ["A path repeated with a leading './' and a trailing '/' is still a duplicate"] =
            new(() => CheckpointTar(With(Directory("./dump.log/"))), ArchiveRule.DuplicateEntry, "dump.log"),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Rejects(string sentence)
    {
        var (archive, rule, entry, rules) = Cases[sentence];

        await ArchiveAssert.RejectedAsync(archive(), rule, entry, rules);
    }

    [Fact]
    public async Task A_PAX_global_header_is_refused_under_the_name_TarWriter_made_up_for_it()
    {
        var error = await Assert.ThrowsAsync<CheckpointArchiveException>(() => ArchiveAssert.ReadAsync(CheckpointTar(First(GlobalHeader()))));

        Assert.Equal(ArchiveRule.DisallowedEntryType, error.Rule);
        Assert.Contains("GlobalExtendedAttributes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"entry '{error.EntryName}'", error.Message, StringComparison.Ordinal);
    }
}
