using System.Net;
using System.Net.Http.Headers;
using Interceptor.Checkpoint.Images;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// The OCI distribution API calls a checkpoint push needs (opencontainers/distribution-spec spec.md):
/// blob existence, chunked blob upload, manifest push and read, manifest delete. Every digest the
/// registry reports back is checked against ours. Failures are <see cref="RegistryException"/>s.
/// </summary>
public sealed class RegistryClient
{
    private const string OctetStream = "application/octet-stream";
    private readonly RegistryTransport _transport;
    private readonly RegistryOptions _options;

    public RegistryClient(HttpClient http, RegistryOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        _transport = new RegistryTransport(http, _options, RegistryPipelines.Create(_options, timeProvider ?? TimeProvider.System));
    }

    /// <summary>The registry's host[:port] as it appears in an image reference.</summary>
    public string Host => _options.Endpoint.IsDefaultPort ? _options.Endpoint.Host : $"{_options.Endpoint.Host}:{_options.Endpoint.Port}";

    public int ChunkSizeBytes => _options.ChunkSizeBytes;

    /// <summary>HEAD the blob: true when the registry already has it, so the upload can be skipped.</summary>
    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        var uri = Api(repository, $"blobs/{digest}");
        var response = await _transport.SendAsync("HEAD blob", () => new HttpRequestMessage(HttpMethod.Head, uri),
            s => s is HttpStatusCode.OK or HttpStatusCode.NotFound, cancellationToken).ConfigureAwait(false);
        return response.Status == HttpStatusCode.OK;
    }

    /// <summary>Opens an upload session (POST); write the blob into the returned stream, then complete or abort it.</summary>
    public async Task<BlobUploadStream> StartUploadAsync(string repository, CancellationToken cancellationToken = default) =>
        new(this, await OpenSessionAsync(repository, cancellationToken).ConfigureAwait(false), _options.ChunkSizeBytes);

    /// <summary>Pushes a small blob held in memory (the image config), skipping it when the registry has it.</summary>
    public async Task<OciDescriptor> PushBlobAsync(string repository, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        var descriptor = new OciDescriptor(mediaType, OciDigest.Of(content.Span), content.Length);
        if (await BlobExistsAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false))
        {
            return descriptor;
        }

        // Monolithic: POST, then one PUT ?digest= carrying the whole (small) blob.
        var location = await OpenSessionAsync(repository, cancellationToken).ConfigureAwait(false);
        await CompleteUploadAsync(location, descriptor.Digest, content, cancellationToken).ConfigureAwait(false);
        return descriptor;
    }

    /// <summary>PUTs a manifest under a tag and returns its digest, after checking the registry computed the same one.</summary>
    public async Task<string> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken = default)
    {
        const string operation = "PUT manifest";
        var uri = Api(repository, $"manifests/{reference}");
        var digest = OciDigest.Of(manifest);
        var response = await _transport.SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = Body(manifest, mediaType),
        }, s => s == HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        VerifyDigest(operation, response, digest);
        return digest;
    }

    /// <summary>GETs an OCI manifest by tag or digest, or null when there is none; the digest is of the bytes received.</summary>
    public async Task<(string Digest, byte[] Manifest)?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        const string operation = "GET manifest";
        var uri = Api(repository, $"manifests/{reference}");
        var response = await _transport.SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Get, uri)
        {
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(OciMediaTypes.ImageManifest) } },
        }, s => s is HttpStatusCode.OK or HttpStatusCode.NotFound, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        var digest = OciDigest.Of(response.Body);
        VerifyDigest(operation, response, digest);
        return (digest, response.Body);
    }

    /// <summary>
    /// DELETEs a manifest by digest. Returns false when it was already gone. A registry that does not
    /// allow deletes answers 405: that is <see cref="RegistryFailureKind.Unsupported"/>, terminal.
    /// </summary>
    public async Task<bool> DeleteManifestAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        if (!OciDigest.IsValid(digest))
        {
            throw new ArgumentException("Manifests are deleted by sha256 digest.", nameof(digest));
        }

        var uri = Api(repository, $"manifests/{digest}");
        var response = await _transport.SendAsync("DELETE manifest", () => new HttpRequestMessage(HttpMethod.Delete, uri),
            s => s is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NotFound, cancellationToken).ConfigureAwait(false);
        return response.Status != HttpStatusCode.NotFound;
    }

    private async Task<Uri> OpenSessionAsync(string repository, CancellationToken cancellationToken)
    {
        const string operation = "POST blob upload";
        var uri = Api(repository, "blobs/uploads/");
        var response = await _transport.SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Post, uri),
            s => s == HttpStatusCode.Accepted, cancellationToken).ConfigureAwait(false);
        return NextLocation(operation, response);
    }

    /// <summary>PATCHes one chunk at <paramref name="start"/>; returns the session's next location.</summary>
    internal async Task<Uri> PatchChunkAsync(Uri location, ReadOnlyMemory<byte> chunk, long start, CancellationToken cancellationToken)
    {
        const string operation = "PATCH blob upload";
        var end = start + chunk.Length - 1;
        var response = await _transport.SendAsync(operation, () =>
        {
            var content = Body(chunk, OctetStream);
            // Distribution-spec ranges are inclusive and carry no unit: "0-1023".
            content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{end}");
            return new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        }, s => s == HttpStatusCode.Accepted, cancellationToken).ConfigureAwait(false);
        if (response.Header("Range") is { } range && range != $"0-{end}")
        {
            throw new RegistryException(RegistryFailureKind.UploadLost, operation, $"the registry holds {range}, expected 0-{end}", 202);
        }

        return NextLocation(operation, response);
    }

    /// <summary>Closes an upload with PUT ?digest= (and the last bytes, if any) and checks the digest the registry reports.</summary>
    internal async Task CompleteUploadAsync(Uri location, string digest, ReadOnlyMemory<byte> lastBytes, CancellationToken cancellationToken)
    {
        const string operation = "PUT blob upload";
        var uri = WithQuery(location, "digest=" + Uri.EscapeDataString(digest));
        var response = await _transport.SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = Body(lastBytes, OctetStream),
        }, s => s == HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        VerifyDigest(operation, response, digest);
    }

    /// <summary>Best effort: DELETE an unfinished upload session so the registry can drop its partial data.</summary>
    internal async Task CancelUploadAsync(Uri location)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.AttemptTimeout);
            await _transport.SendAsync("DELETE blob upload", () => new HttpRequestMessage(HttpMethod.Delete, location), _ => true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException)
        {
            // The registry expires abandoned sessions itself; failing to tidy up must not hide the real error.
        }
    }

    private static ReadOnlyMemoryContent Body(ReadOnlyMemory<byte> bytes, string mediaType)
    {
        var content = new ReadOnlyMemoryContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static void VerifyDigest(string operation, RegistryResponse response, string expected)
    {
        var reported = response.Header("Docker-Content-Digest");
        if (reported is not null && reported != expected)
        {
            throw new RegistryException(RegistryFailureKind.DigestMismatch, operation, $"the registry reports {reported}, we sent {expected}", (int)response.Status);
        }
    }

    private Uri NextLocation(string operation, RegistryResponse response) =>
        response.Headers.Location is { } location
            ? new Uri(_options.Endpoint, location)
            : throw RegistryFailures.Protocol(operation, "no Location header", (int)response.Status);

    private Uri Api(string repository, string path) =>
        new(_options.Endpoint, $"/v2/{RegistryNames.RequireRepository(repository, nameof(repository))}/{path}");

    private static Uri WithQuery(Uri uri, string parameter) =>
        new(uri.AbsoluteUri + (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + parameter);
}
