using Interceptor.Checkpoint.Images;
using Interceptor.Simulator.Nodes.Images;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>The layer check a registry pull relies on: the registry verified the digest on push, not on this read.</summary>
public sealed class VerifiedBlobStreamTests
{
    private static readonly byte[] Blob = [1, 2, 3, 4, 5, 6, 7, 8];

    public static TheoryData<string, OciDescriptor> WrongDescriptors => new()
    {
        { "another digest", new OciDescriptor(OciMediaTypes.Layer, OciDigest.Of([9]), Blob.Length) },
        { "a larger size (the blob is cut short)", new OciDescriptor(OciMediaTypes.Layer, OciDigest.Of(Blob), Blob.Length + 1) },
        { "a smaller size (the blob runs on)", new OciDescriptor(OciMediaTypes.Layer, OciDigest.Of(Blob), Blob.Length - 1) },
    };

    [Theory]
    [MemberData(nameof(WrongDescriptors))]
    public async Task A_blob_that_does_not_match_its_descriptor_fails_as_invalid_data_before_the_reader_sees_its_end(string because, OciDescriptor descriptor)
    {
        await using var stream = new VerifiedBlobStream(new MemoryStream(Blob), descriptor);

        var failure = await Record.ExceptionAsync(() => stream.CopyToAsync(Stream.Null));

        Assert.True(failure is InvalidDataException, $"{because}: {failure}");
    }

    [Fact]
    public async Task A_matching_blob_reads_through_unchanged_and_an_empty_read_is_not_its_end()
    {
        await using var stream = new VerifiedBlobStream(new MemoryStream(Blob), new OciDescriptor(OciMediaTypes.Layer, OciDigest.Of(Blob), Blob.Length));
        using var copy = new MemoryStream();

        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        await stream.CopyToAsync(copy);

        Assert.Equal(Blob, copy.ToArray());
    }
}
