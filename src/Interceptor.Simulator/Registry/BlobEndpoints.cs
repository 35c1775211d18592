namespace Interceptor.Simulator.Registry;

/// <summary><c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>: HEAD, GET (whole or one byte range) and DELETE.</summary>
internal sealed class BlobEndpoints(BlobStore blobs)
{
    public Task HandleAsync(HttpContext context, BlobRoute route)
    {
        var digest = Digest.Parse(route.Digest);
        return context.Request.Method switch
        {
            "GET" => SendAsync(context, blobs.Open(route.Name, digest), digest),
            "HEAD" => Describe(context, blobs.Open(route.Name, digest), digest),
            "DELETE" => Delete(context, route.Name, digest),
            var method => throw RegistryErrors.Unsupported(405, $"{method} on a blob"),
        };
    }

    private static Task Describe(HttpContext context, FileInfo file, Digest digest)
    {
        SetHeaders(context.Response, digest);
        context.Response.ContentLength = file.Length;
        return Task.CompletedTask;
    }

    /// <summary>Sends the file with sendfile (no copy through managed memory), or the one range asked for.</summary>
    private static async Task SendAsync(HttpContext context, FileInfo file, Digest digest)
    {
        var response = context.Response;
        SetHeaders(response, digest);
        var size = file.Length;
        var range = ByteRange.Resolve(context.Request.Headers.Range, size, out var satisfiable);
        if (!satisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{size}";
            response.ContentLength = 0;
            return;
        }

        var (offset, length) = range is { } r ? (r.Start, r.Length) : (0L, size);
        if (range is { } partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {partial.Start}-{partial.End}/{size}";
        }

        response.ContentLength = length;
        await response.SendFileAsync(file.FullName, offset, length, context.RequestAborted);
    }

    private Task Delete(HttpContext context, string name, Digest digest)
    {
        blobs.Delete(name, digest);
        return RegistryResponses.Empty(context, StatusCodes.Status202Accepted, new Dictionary<string, string>());
    }

    private static void SetHeaders(HttpResponse response, Digest digest)
    {
        response.ContentType = "application/octet-stream";
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.Headers.AcceptRanges = "bytes";
        // Content never changes under a digest, so the digest is a perfect strong validator.
        response.Headers.ETag = $"\"{digest}\"";
    }
}
