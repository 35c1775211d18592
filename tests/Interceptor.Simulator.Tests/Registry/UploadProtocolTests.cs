using System.Net;
using System.Text;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>Blob uploads over real HTTP, as the distribution spec's push section describes them.</summary>
public sealed class UploadProtocolTests : RegistryTest
{
    private static readonly byte[] Content = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyz");

    [Fact]
    public async Task The_base_endpoint_answers_200_with_the_api_version_header()
    {
        using var response = await Http.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", Header(response, "Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task A_chunked_upload_reports_each_range_and_closes_into_a_pullable_blob()
    {
        using var start = await Http.PostAsync("/v2/sim/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        Assert.StartsWith("/v2/sim/app/blobs/uploads/", location, StringComparison.Ordinal);
        Assert.EndsWith(Header(start, "Docker-Upload-UUID"), location, StringComparison.Ordinal);

        location = await PatchAsync(location, 0, 9, HttpStatusCode.Accepted, "0-9");
        location = await PatchAsync(location, 10, 24, HttpStatusCode.Accepted, "0-24");
        using var status = await Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-24", Header(status, "Range"));

        // The last chunk travels in the closing PUT, with its Content-Range.
        var last = Octets(Content[25..]);
        last.Headers.TryAddWithoutValidation("Content-Range", "25-35");
        using var close = await Http.PutAsync($"{location}?digest={Sha256(Content)}", last);

        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        Assert.Equal($"/v2/sim/app/blobs/{Sha256(Content)}", close.Headers.Location!.ToString());
        Assert.Equal(Sha256(Content), Header(close, "Docker-Content-Digest"));
        Assert.Equal(Content, await Http.GetByteArrayAsync(close.Headers.Location));
        Assert.Equal(0, Registry.OpenUploads);
    }

    [Fact]
    public async Task A_chunk_out_of_order_is_416_and_the_upload_goes_on_from_the_offset_it_reports()
    {
        using var start = await Http.PostAsync("/v2/sim/app/blobs/uploads/", null);
        var location = await PatchAsync(start.Headers.Location!.ToString(), 0, 9, HttpStatusCode.Accepted, "0-9");

        using var skipped = await SendChunkAsync(location, 20, 29);
        using var overlapping = await SendChunkAsync(location, 5, 14);

        await AssertErrorAsync(skipped, HttpStatusCode.RequestedRangeNotSatisfiable, "BLOB_UPLOAD_INVALID");
        await AssertErrorAsync(overlapping, HttpStatusCode.RequestedRangeNotSatisfiable, "BLOB_UPLOAD_INVALID");
        Assert.Equal("0-9", Header(skipped, "Range"));
        location = await PatchAsync(location, 10, 35, HttpStatusCode.Accepted, "0-35");
        using var close = await Http.PutAsync($"{location}?digest={Sha256(Content)}", null);
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
    }

    [Fact]
    public async Task A_closing_digest_that_does_not_match_is_400_DIGEST_INVALID_and_nothing_is_stored()
    {
        var wrong = Sha256(Encoding.ASCII.GetBytes("something else"));
        using var start = await Http.PostAsync("/v2/sim/app/blobs/uploads/", null);

        using var close = await Http.PutAsync($"{start.Headers.Location}?digest={wrong}", Octets(Content));
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/sim/app/blobs/{wrong}");
        using var probe = await Http.SendAsync(head);
        using var again = await Http.GetAsync(start.Headers.Location);

        await AssertErrorAsync(close, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.Empty(Directory.GetFiles(Path.Combine(Registry.StorageDirectory, "uploads")));
    }

    [Fact]
    public async Task A_single_POST_with_a_wrong_digest_is_refused_and_a_malformed_digest_is_DIGEST_INVALID()
    {
        using var mismatch = await Http.PostAsync($"/v2/sim/app/blobs/uploads/?digest={Sha256([1])}", Octets(Content));
        using var malformed = await Http.PostAsync("/v2/sim/app/blobs/uploads/?digest=sha256:XYZ", Octets(Content));
        using var noDigest = await Http.PutAsync((await Http.PostAsync("/v2/sim/app/blobs/uploads/", null)).Headers.Location, Octets(Content));

        await AssertErrorAsync(mismatch, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await AssertErrorAsync(noDigest, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task A_content_length_that_disagrees_with_the_content_range_is_SIZE_INVALID()
    {
        using var start = await Http.PostAsync("/v2/sim/app/blobs/uploads/", null);
        var chunk = Octets(Content[..10]);
        chunk.Headers.TryAddWithoutValidation("Content-Range", "0-19");

        using var response = await Http.PatchAsync(start.Headers.Location, chunk);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "SIZE_INVALID");
    }

    [Fact]
    public async Task A_cancelled_upload_is_gone_and_an_upload_is_unknown_under_another_repository()
    {
        using var start = await Http.PostAsync("/v2/sim/app/blobs/uploads/", null);
        var id = Header(start, "Docker-Upload-UUID");

        using var elsewhere = await Http.GetAsync($"/v2/sim/other/blobs/uploads/{id}");
        using var cancel = await Http.DeleteAsync(start.Headers.Location);
        using var after = await Http.PatchAsync(start.Headers.Location, Octets(Content));

        await AssertErrorAsync(elsewhere, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        await AssertErrorAsync(after, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.Equal(0, Registry.OpenUploads);
    }

    [Fact]
    public async Task A_mount_from_a_repository_holding_the_blob_is_201_and_otherwise_falls_back_to_a_session()
    {
        var digest = await PushBlobAsync("sim/source", Content);

        using var mounted = await Http.PostAsync($"/v2/sim/target/blobs/uploads/?mount={digest}&from=sim/source", null);
        using var notThere = await Http.PostAsync($"/v2/sim/third/blobs/uploads/?mount={digest}&from=sim/empty", null);
        using var badFrom = await Http.PostAsync($"/v2/sim/third/blobs/uploads/?mount={digest}&from=Bad_Name", null);

        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        Assert.Equal($"/v2/sim/target/blobs/{digest}", mounted.Headers.Location!.ToString());
        Assert.Equal(digest, Header(mounted, "Docker-Content-Digest"));
        Assert.Equal(Content, await Http.GetByteArrayAsync($"/v2/sim/target/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.Accepted, notThere.StatusCode);
        Assert.StartsWith("/v2/sim/third/blobs/uploads/", notThere.Headers.Location!.ToString(), StringComparison.Ordinal);
        await AssertErrorAsync(badFrom, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    private async Task<string> PatchAsync(string location, long start, long end, HttpStatusCode expected, string range)
    {
        using var response = await SendChunkAsync(location, start, end);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(range, Header(response, "Range"));
        return response.Headers.Location!.ToString();
    }

    private Task<HttpResponseMessage> SendChunkAsync(string location, long start, long end)
    {
        var chunk = Octets(Content[(int)start..(int)(end + 1)]);
        // The spec's "start-end" has no "bytes" unit, so HttpClient's typed Content-Range would refuse it.
        chunk.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{end}");
        return Http.PatchAsync(location, chunk);
    }
}
