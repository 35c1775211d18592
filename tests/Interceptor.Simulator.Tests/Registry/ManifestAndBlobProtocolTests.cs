using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>Manifests, blob reads, deletes, tags and name validation over real HTTP.</summary>
public sealed class ManifestAndBlobProtocolTests : RegistryTest
{
    private static readonly byte[] Layer = Encoding.ASCII.GetBytes("layer bytes: a checkpoint archive would be here");
    private static readonly byte[] Config = Encoding.ASCII.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");

    [Fact]
    public async Task A_manifest_comes_back_byte_for_byte_with_its_content_type_by_tag_and_by_digest()
    {
        var manifest = await PushImageAsync("sim/app");
        // Whitespace the registry must keep: the digest is over the exact bytes, not a re-serialisation.
        var spaced = Encoding.UTF8.GetBytes("  " + Encoding.UTF8.GetString(manifest) + "\n");
        using var put = await PutManifestAsync("sim/app", "v2", spaced);
        var digest = Sha256(spaced);

        using var byTag = await Http.GetAsync("/v2/sim/app/manifests/v2");
        using var byDigest = await Http.GetAsync($"/v2/sim/app/manifests/{digest}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, Header(put, "Docker-Content-Digest"));
        Assert.Equal($"/v2/sim/app/manifests/{digest}", put.Headers.Location!.ToString());
        foreach (var response in new[] { byTag, byDigest })
        {
            Assert.Equal(spaced, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(digest, Header(response, "Docker-Content-Digest"));
        }
    }

    [Fact]
    public async Task HEAD_gives_the_length_and_digest_of_what_GET_returns_but_no_body()
    {
        var layer = await PushBlobAsync("sim/app", Layer);
        await PushImageAsync("sim/app");

        foreach (var path in new[] { $"/v2/sim/app/blobs/{layer}", "/v2/sim/app/manifests/v1" })
        {
            using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            using var get = await Http.GetAsync(path);
            var body = await get.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
            Assert.Equal(Header(get, "Docker-Content-Digest"), Header(head, "Docker-Content-Digest"));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_blob_range_request_gets_206_with_the_slice_and_an_impossible_range_416()
    {
        var layer = await PushBlobAsync("sim/app", Layer);
        using var slice = new HttpRequestMessage(HttpMethod.Get, $"/v2/sim/app/blobs/{layer}") { Headers = { Range = new RangeHeaderValue(6, 10) } };
        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/v2/sim/app/blobs/{layer}") { Headers = { Range = new RangeHeaderValue(1000, null) } };

        using var partial = await Http.SendAsync(slice);
        using var refused = await Http.SendAsync(beyond);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Layer[6..11], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 6-10/{Layer.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
    }

    [Fact]
    public async Task A_manifest_referencing_missing_blobs_is_MANIFEST_BLOB_UNKNOWN_naming_each_of_them()
    {
        var config = await PushBlobAsync("sim/app", Config);
        var missing = Sha256(Layer);
        var pushedElsewhere = await PushBlobAsync("sim/other", Encoding.ASCII.GetBytes("only in sim/other"));

        using var put = await PutManifestAsync("sim/app", "v1", ImageManifest(config, missing, pushedElsewhere));
        using var get = await Http.GetAsync("/v2/sim/app/manifests/v1");

        var error = await AssertErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal([missing, pushedElsewhere], error["detail"]!["digests"]!.AsArray().Select(d => (string)d!));
        await AssertErrorAsync(get, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task An_index_needs_its_child_manifests_in_the_repository()
    {
        var child = await PushImageAsync("sim/app");
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.manifest.v1+json", ["digest"] = Sha256(child), ["size"] = child.Length }),
        };
        var bytes = Encoding.UTF8.GetBytes(index.ToJsonString());

        using var here = await PutManifestAsync("sim/app", "multi", bytes, "application/vnd.oci.image.index.v1+json");
        using var elsewhere = await PutManifestAsync("sim/empty", "multi", bytes, "application/vnd.oci.image.index.v1+json");

        Assert.Equal(HttpStatusCode.Created, here.StatusCode);
        await AssertErrorAsync(elsewhere, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task A_manifest_pushed_by_a_digest_it_does_not_have_is_DIGEST_INVALID_and_junk_is_MANIFEST_INVALID()
    {
        var manifest = await PushImageAsync("sim/app");

        using var wrongDigest = await PutManifestAsync("sim/app", Sha256(Layer), manifest);
        using var rightDigest = await PutManifestAsync("sim/app", Sha256(manifest), manifest);
        using var notJson = await PutManifestAsync("sim/app", "junk", Encoding.ASCII.GetBytes("not json"));
        using var typeMismatch = await PutManifestAsync("sim/app", "v3", manifest, "application/vnd.docker.distribution.manifest.v2+json");

        await AssertErrorAsync(wrongDigest, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        Assert.Equal(HttpStatusCode.Created, rightDigest.StatusCode);
        await AssertErrorAsync(notJson, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await AssertErrorAsync(typeMismatch, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Unknown_blobs_manifests_and_repositories_are_404_with_their_codes()
    {
        using var blob = await Http.GetAsync($"/v2/sim/app/blobs/{Sha256(Layer)}");
        using var manifest = await Http.GetAsync("/v2/sim/app/manifests/latest");
        using var tags = await Http.GetAsync("/v2/sim/app/tags/list");
        using var headBlob = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/sim/app/blobs/{Sha256(Layer)}"));

        await AssertErrorAsync(blob, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        await AssertErrorAsync(manifest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await AssertErrorAsync(tags, HttpStatusCode.NotFound, "NAME_UNKNOWN");
        Assert.Equal(HttpStatusCode.NotFound, headBlob.StatusCode);
        Assert.Empty(await headBlob.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/v2/Sim/app/tags/list", "NAME_INVALID")]
    [InlineData("/v2/sim//app/manifests/v1", "NAME_INVALID")]
    [InlineData("/v2/sim/app-/manifests/v1", "NAME_INVALID")]
    [InlineData("/v2/sim/app/manifests/-leading-dash", "TAG_INVALID")]
    [InlineData("/v2/sim/app/manifests/.dot", "TAG_INVALID")]
    [InlineData("/v2/sim/app/manifests/sha256:abc", "DIGEST_INVALID")]
    [InlineData("/v2/sim/app/blobs/md5:d41d8cd98f00b204e9800998ecf8427e", "DIGEST_INVALID")]
    public async Task Invalid_names_tags_and_digests_are_400_with_the_matching_code(string path, string code)
    {
        using var response = await Http.GetAsync(path);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Deleting_a_tag_keeps_the_manifest_deleting_the_digest_removes_it_and_deleting_a_blob_unlinks_it()
    {
        var manifest = await PushImageAsync("sim/app");
        var digest = Sha256(manifest);
        await PutManifestAsync("sim/app", "v2", manifest);
        var layer = Sha256(Layer);

        using var untag = await Http.DeleteAsync("/v2/sim/app/manifests/v1");
        using var stillByDigest = await Http.GetAsync($"/v2/sim/app/manifests/{digest}");
        using var remove = await Http.DeleteAsync($"/v2/sim/app/manifests/{digest}");
        using var byOtherTag = await Http.GetAsync("/v2/sim/app/manifests/v2");
        using var removeBlob = await Http.DeleteAsync($"/v2/sim/app/blobs/{layer}");
        using var blobAgain = await Http.DeleteAsync($"/v2/sim/app/blobs/{layer}");
        var tags = await Http.GetStringAsync("/v2/sim/app/tags/list");

        Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillByDigest.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, remove.StatusCode);
        await AssertErrorAsync(byOtherTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal(HttpStatusCode.Accepted, removeBlob.StatusCode);
        await AssertErrorAsync(blobAgain, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        // No other repository held the layer, so its file is gone too.
        Assert.False(File.Exists(Path.Combine(Registry.StorageDirectory, "blobs", "sha256", layer["sha256:".Length..])));
        Assert.Equal("{\"name\":\"sim/app\",\"tags\":[]}", tags);
    }

    [Fact]
    public async Task Tags_are_listed_in_ASCII_order_and_paged_with_n_last_and_a_Link_header()
    {
        var manifest = await PushImageAsync("sim/app");
        foreach (var tag in new[] { "b", "a", "C", "c" })
        {
            await PutManifestAsync("sim/app", tag, manifest);
        }

        var all = JsonNode.Parse(await Http.GetStringAsync("/v2/sim/app/tags/list"))!;
        using var first = await Http.GetAsync("/v2/sim/app/tags/list?n=2");
        var next = await Http.GetStringAsync("/v2/sim/app/tags/list?n=2&last=a");

        Assert.Equal(["C", "a", "b", "c", "v1"], all["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("{\"name\":\"sim/app\",\"tags\":[\"C\",\"a\"]}", await first.Content.ReadAsStringAsync());
        Assert.Equal("</v2/sim/app/tags/list?n=2&last=a>; rel=\"next\"", Header(first, "Link"));
        Assert.Equal("{\"name\":\"sim/app\",\"tags\":[\"b\",\"c\"]}", next);
    }

    /// <summary>Pushes the config and layer, tags an image manifest naming them "v1", and returns the manifest.</summary>
    private async Task<byte[]> PushImageAsync(string name)
    {
        var manifest = ImageManifest(await PushBlobAsync(name, Config), await PushBlobAsync(name, Layer));
        using var response = await PutManifestAsync(name, "v1", manifest);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return manifest;
    }
}
