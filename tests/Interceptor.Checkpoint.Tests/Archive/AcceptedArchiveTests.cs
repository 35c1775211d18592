using System.Formats.Tar;
using Interceptor.Checkpoint.Archive;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>The rules must not refuse what engines really write: the other side of every hostile row.</summary>
public sealed class AcceptedArchiveTests
{
    private static readonly Dictionary<string, (Func<byte[]> Archive, string Entry, TarEntryType Type)> Cases = new()
    {
        ["A symbolic link that stays inside the archive is accepted"] =
            (() => CheckpointTar(With(Symlink("checkpoint/config", "../config.dump"))), "checkpoint/config", TarEntryType.SymbolicLink),
        ["A symbolic link to a symbolic link is accepted: nothing is passed through"] =
            (() => CheckpointTar(With(Symlink("a", "config.dump"), Symlink("b", "a"))), "b", TarEntryType.SymbolicLink),
        ["A hard link to an earlier regular file is accepted"] =
            (() => CheckpointTar(With(HardLink("checkpoint/pages-copy.img", "./checkpoint/pages-1.img"))), "checkpoint/pages-copy.img", TarEntryType.HardLink),
        ["Names without the './' CRI-O writes are accepted too"] =
            (() => CheckpointTar(With(File("deleted.files", "[]"))), "deleted.files", TarEntryType.RegularFile),
        ["A directory named with a trailing '/' is listed without it"] =
            (() => CheckpointTar(With(Directory("volumes/"))), "volumes", TarEntryType.Directory),
        ["A checkpoint/ holding images but no directory entry is accepted"] =
            (() => CheckpointTar(Without("checkpoint/")), "checkpoint/pages-1.img", TarEntryType.RegularFile),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Accepts(string sentence)
    {
        var (archive, name, type) = Cases[sentence];

        var result = await ArchiveAssert.ReadAsync(archive());

        Assert.Equal(type, Assert.Single(result.Entries, e => e.Name == name).Type);
    }

    [Theory]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.V7)]
    public async Task Archives_in_the_other_tar_formats_are_accepted(TarEntryFormat format)
    {
        var bytes = Write(CriOEntries().Select(e => e with { Create = () => Convert(e.Create(), format) }), format);

        var result = await ArchiveAssert.ReadAsync(bytes);

        Assert.Equal(CheckpointEngine.CriO, result.Metadata.Engine);
    }

    private static TarEntry Convert(TarEntry entry, TarEntryFormat format) => format switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(entry),
        TarEntryFormat.Gnu => new GnuTarEntry(entry),
        _ => new V7TarEntry(entry),
    };
}
