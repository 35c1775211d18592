using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>
/// What the reader promises besides the rules: failures of the source stream and cancellation
/// are not the archive's fault and come out unchanged (a caller may retry them); the caller's
/// stream is left open; nonsensical limits fail when the reader is made.
/// </summary>
public sealed class ReaderContractTests
{
    [Fact]
    public async Task A_failing_source_stream_surfaces_its_own_exception_not_an_archive_rule()
    {
        var failure = new IOException("connection reset by peer");
        var source = new FailingStream(CheckpointTar(), failAfter: 5000, failure);

        var thrown = await Assert.ThrowsAsync<IOException>(() => new CheckpointArchiveReader().ReadAsync(source));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new CheckpointArchiveReader().ReadAsync(new MemoryStream(CheckpointTar()), cancelled.Token));
    }

    [Fact]
    public async Task The_callers_stream_is_read_to_its_end_and_left_open()
    {
        var stream = new MemoryStream(CheckpointTar());

        await new CheckpointArchiveReader().ReadAsync(stream);

        Assert.True(stream.CanRead);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Theory]
    [InlineData("MaxEntrySize")]
    [InlineData("MaxTotalSize")]
    [InlineData("MaxEntryCount")]
    [InlineData("MaxMetadataFileSize")]
    [InlineData("MaxNameLength")]
    public void A_limit_that_is_not_positive_is_refused_when_the_reader_is_made(string limit)
    {
        var rules = limit switch
        {
            "MaxEntrySize" => new ArchiveRules { MaxEntrySize = 0 },
            "MaxTotalSize" => new ArchiveRules { MaxTotalSize = -1 },
            "MaxEntryCount" => new ArchiveRules { MaxEntryCount = 0 },
            "MaxMetadataFileSize" => new ArchiveRules { MaxMetadataFileSize = 0 },
            _ => new ArchiveRules { MaxNameLength = 0 },
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointArchiveReader(rules));
    }

    /// <summary>Serves <paramref name="data"/> up to <paramref name="failAfter"/> bytes, then throws <paramref name="failure"/>.</summary>
    private sealed class FailingStream(byte[] data, int failAfter, Exception failure) : ForwardOnlyStream
    {
        private readonly MemoryStream _inner = new(data);

        public override int Read(Span<byte> buffer) =>
            _inner.Position >= failAfter ? throw failure : _inner.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - _inner.Position)]);
    }
}
