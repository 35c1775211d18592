using Interceptor.Checkpoint.Archive;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>The reader keeps the first bytes of one entry in the same pass that checks the archive, and nothing else.</summary>
public sealed class KeptHeadTests
{
    private static readonly EntryHead PagesHeader = new("checkpoint/pages-1.img", 16);

    [Fact]
    public async Task The_first_bytes_of_the_named_entry_are_kept_and_the_archive_is_still_checked_whole()
    {
        var pages = Pattern(10_000);

        var archive = await new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar(Replacing("checkpoint/pages-1.img", File("./checkpoint/pages-1.img", pages)))), PagesHeader);

        Assert.Equal(pages[..16], archive.KeptHead);
        Assert.Equal(10_000, archive.Sizes.PagesBytes);
    }

    [Fact]
    public async Task An_entry_shorter_than_the_head_is_kept_whole()
    {
        var archive = await new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar(Replacing("checkpoint/pages-1.img", File("./checkpoint/pages-1.img", 5)))), PagesHeader);

        Assert.Equal(Pattern(5), archive.KeptHead);
    }

    [Fact]
    public async Task Nothing_is_kept_when_the_entry_is_absent_or_none_was_asked_for()
    {
        var withoutPages = await new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar(Without("./checkpoint/pages-1.img"))), PagesHeader);
        var notAsked = await new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar()));

        Assert.Null(withoutPages.KeptHead);
        Assert.Null(notAsked.KeptHead);
    }

    [Fact]
    public async Task A_head_larger_than_the_cap_is_refused_before_reading()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar()), new EntryHead("checkpoint/pages-1.img", EntryHead.MaxBytes + 1)));
    }
}
