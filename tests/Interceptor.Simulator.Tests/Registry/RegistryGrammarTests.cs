using Interceptor.Simulator.Registry;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>The pure pieces: names, tags, digests, ranges and paths, as the spec's grammar defines them.</summary>
public sealed class RegistryGrammarTests
{
    [Theory]
    [InlineData("app", true)]
    [InlineData("sim/checkpoints/web-7d9f4", true)]
    [InlineData("a.b_c__d---e/f", true)]
    [InlineData("App", false)]
    [InlineData("a/", false)]
    [InlineData("/a", false)]
    [InlineData("a___b", false)]
    [InlineData("a..b", false)]
    [InlineData("-a", false)]
    public void Repository_names_follow_the_spec_regex(string name, bool valid) =>
        Assert.Equal(valid, RegistryNames.IsValidName(name));

    [Fact]
    public void A_name_longer_than_255_characters_is_refused_though_the_regex_allows_it() =>
        Assert.False(RegistryNames.IsValidName(new string('a', 256)));

    [Theory]
    [InlineData("v1", true)]
    [InlineData("_private", true)]
    [InlineData("1.2.3-rc.1", true)]
    [InlineData(".hidden", false)]
    [InlineData("-dash", false)]
    [InlineData("a+b", false)]
    public void Tags_follow_the_spec_regex(string tag, bool valid) => Assert.Equal(valid, RegistryNames.IsValidTag(tag));

    [Fact]
    public void A_tag_is_at_most_128_characters()
    {
        Assert.True(RegistryNames.IsValidTag(new string('t', 128)));
        Assert.False(RegistryNames.IsValidTag(new string('t', 129)));
    }

    [Theory]
    [InlineData("sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha512:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:abc", false)]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", false)]
    [InlineData("sha256", false)]
    public void Digests_are_sha256_or_sha512_in_lower_case_hex_of_the_right_length(string text, bool valid) =>
        Assert.Equal(valid, Digest.TryParse(text, out _));

    [Theory]
    [InlineData("0-99", 0L, 99L)]
    [InlineData("100-100", 100L, 100L)]
    public void A_chunk_range_is_start_dash_end_inclusive(string header, long start, long end) =>
        Assert.Equal(new ContentRange(start, end), ContentRange.Parse(header));

    [Theory]
    [InlineData("bytes 0-99/100")]
    [InlineData("10-5")]
    [InlineData("0-")]
    public void A_malformed_chunk_range_is_BLOB_UPLOAD_INVALID(string header) =>
        Assert.Equal("BLOB_UPLOAD_INVALID", Assert.Throws<RegistryException>(() => ContentRange.Parse(header)).Code);

    [Theory]
    [InlineData("bytes=0-9", 0L, 9L)]
    [InlineData("bytes=90-", 90L, 99L)]
    [InlineData("bytes=-10", 90L, 99L)]
    [InlineData("bytes=95-200", 95L, 99L)]
    public void A_byte_range_of_a_100_byte_blob_resolves_within_it(string header, long start, long end)
    {
        Assert.Equal(new ByteRange(start, end), ByteRange.Resolve(header, 100, out var satisfiable));
        Assert.True(satisfiable);
    }

    [Theory]
    [InlineData("bytes=100-", false)]
    [InlineData("bytes=0-1,5-6", true)]
    [InlineData("items=0-1", true)]
    public void Other_byte_ranges_are_the_whole_blob_or_unsatisfiable(string header, bool satisfiable)
    {
        Assert.Null(ByteRange.Resolve(header, 100, out var ok));
        Assert.Equal(satisfiable, ok);
    }

    public static TheoryData<string, object> Routes => new()
    {
        { "/v2/", new BaseRoute() },
        { "/v2/a/b/tags/list", new TagsRoute("a/b") },
        { "/v2/a/manifests/v1", new ManifestRoute("a", "v1") },
        { "/v2/a/blobs/uploads/", new UploadRoute("a", null) },
        { "/v2/a/blobs/uploads/some-id", new UploadRoute("a", "some-id") },
        { "/v2/a/blobs/sha256:x", new BlobRoute("a", "sha256:x") },
        // Names may contain the endpoint words; the path's end decides.
        { "/v2/blobs/manifests/manifests/v1", new ManifestRoute("blobs/manifests", "v1") },
        { "/v2/a/blobs/b/blobs/sha256:x", new BlobRoute("a/blobs/b", "sha256:x") },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Paths_are_read_from_their_end(string path, object route) =>
        Assert.Equal(route, RegistryRouteParser.Parse(path));
}
