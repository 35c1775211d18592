namespace Interceptor.Simulator.Registry;

/// <summary>
/// <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: PUT (bytes kept exactly, digest computed on them, every
/// referenced blob and child manifest must already be in the repository), GET, HEAD and DELETE.
/// </summary>
internal sealed class ManifestEndpoints(ManifestStore manifests, BlobStore blobs, long maxManifestBytes)
{
    public Task HandleAsync(HttpContext context, ManifestRoute route)
    {
        var reference = ManifestReference.Parse(route.Reference);
        return context.Request.Method switch
        {
            "GET" => SendAsync(context, manifests.Get(route.Name, reference), body: true),
            "HEAD" => SendAsync(context, manifests.Get(route.Name, reference), body: false),
            "PUT" => PutAsync(context, route.Name, reference),
            "DELETE" => Delete(context, route.Name, reference),
            var method => throw RegistryErrors.Unsupported(405, $"{method} on a manifest"),
        };
    }

    private static async Task SendAsync(HttpContext context, StoredManifest manifest, bool body)
    {
        var response = context.Response;
        response.ContentType = manifest.ContentType;
        response.ContentLength = manifest.Content.Length;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest.ToString();
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (body)
        {
            await response.Body.WriteAsync(manifest.Content, context.RequestAborted);
        }
    }

    private async Task PutAsync(HttpContext context, string name, ManifestReference reference)
    {
        var content = await ReadBoundedAsync(context.Request, context.RequestAborted);
        var document = ManifestDocument.Parse(content, MediaTypeOf(context.Request.ContentType));
        var digest = Digest.Compute(reference.Digest?.Algorithm ?? Digest.Sha256, content);
        if (reference.Digest is { } named && named != digest)
        {
            throw RegistryErrors.DigestInvalid($"the manifest is {digest}, not {named}");
        }

        // IMPORTANT: refuse before storing anything, so a pull can never meet a manifest whose blobs are missing.
        var missing = document.Blobs.Where(b => !blobs.Contains(name, b))
            .Concat(document.Manifests.Where(m => !manifests.Contains(name, m)))
            .ToList();
        if (missing.Count > 0)
        {
            throw RegistryErrors.ManifestBlobUnknown(missing);
        }

        manifests.Put(name, reference.Tag, new StoredManifest(digest, document.MediaType, content));
        await RegistryResponses.Empty(context, StatusCodes.Status201Created, new Dictionary<string, string>
        {
            ["Location"] = RegistryHeaders.ManifestLocation(name, digest),
            [RegistryHeaders.ContentDigest] = digest.ToString(),
        });
    }

    private Task Delete(HttpContext context, string name, ManifestReference reference)
    {
        manifests.Delete(name, reference);
        return RegistryResponses.Empty(context, StatusCodes.Status202Accepted, new Dictionary<string, string>());
    }

    /// <summary>The body, refused with 413 as soon as it passes the limit (before it is all read when the length is declared).</summary>
    private async Task<byte[]> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > maxManifestBytes)
        {
            throw RegistryErrors.ManifestTooLarge(maxManifestBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxManifestBytes)
            {
                throw RegistryErrors.ManifestTooLarge(maxManifestBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The media type without parameters, which the spec tells registries to ignore.</summary>
    private static string? MediaTypeOf(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) ? null : contentType.Split(';')[0].Trim();
}
