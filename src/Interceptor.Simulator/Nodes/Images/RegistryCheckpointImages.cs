using Interceptor.Checkpoint.Registry;

namespace Interceptor.Simulator.Nodes.Images;

/// <summary>
/// An <see cref="ICheckpointImageSource"/> backed by one OCI registry (the embedded one, or any the simulator is given):
/// what CRI-O does when a pod's image is a checkpoint image. The manifest comes through the project's
/// <see cref="RegistryClient"/> (digest of the bytes checked, and checked against a digest-pinned reference); an image
/// with CRI-O's checkpoint annotation has its single layer streamed, verified against its descriptor and decompressed
/// into the kubelet archive. An image without the annotation, or a reference naming another registry, is an ordinary
/// image (null: cold start). Failures to fetch are <see cref="IOException"/>s, which the kubelet reports as
/// CreateContainerError (CRI-O would report the pull as ErrImagePull; the simulated kubelet has one error path).
/// </summary>
public sealed class RegistryCheckpointImages : ICheckpointImageSource, IDisposable
{
    private readonly RegistryOptions _options;
    private readonly HttpClient _http;
    private readonly RegistryClient _registry;

    /// <param name="options">The registry served: its endpoint and, for HTTPS, the CA to trust (only that CA).</param>
    public RegistryCheckpointImages(RegistryOptions options)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        _http = RegistryHttpClient.Create(_options);
        _registry = new RegistryClient(_http, _options);
    }

    /// <summary>The registry part of the image references this source resolves (host[:port]).</summary>
    public string Host => _registry.Host;

    public async Task<Stream?> OpenAsync(string imageReference, CancellationToken cancellationToken)
    {
        if (ImageReference.Parse(imageReference) is not { } image || !string.Equals(image.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var manifest = await ManifestAsync(image, cancellationToken).ConfigureAwait(false);
        return CheckpointManifest.CheckpointLayer(manifest) is { } layer
            ? await OpenLayerAsync(image.Repository, layer, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<byte[]> ManifestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        (string Digest, byte[] Manifest)? found;
        try
        {
            found = await _registry.GetManifestAsync(image.Repository, image.Reference, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RegistryException or ArgumentException)
        {
            throw new IOException($"pulling {image.Repository}:{image.Reference} from {Host}: {ex.Message}", ex);
        }

        if (found is not { } manifest)
        {
            throw new IOException($"{Host}/{image.Repository}:{image.Reference}: manifest unknown");
        }

        // The registry computed nothing we trust: a digest-pinned reference must name exactly the bytes received.
        return !image.PinnedByDigest || manifest.Digest == image.Reference
            ? manifest.Manifest
            : throw new InvalidDataException($"the registry answered {image.Reference} with a manifest of digest {manifest.Digest}");
    }

    // The RegistryClient reads bodies whole (capped at 1 MiB) and has no blob read, so the layer is one plain GET on
    // the same trust settings (RegistryHttpClient), streamed and verified here. No credentials: the simulator's
    // registry authenticates nobody.
    private async Task<Stream> OpenLayerAsync(string repository, Checkpoint.Images.OciDescriptor layer, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.Endpoint, $"/v2/{repository}/blobs/{layer.Digest}");
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"GET blob {layer.Digest} from {Host}/{repository}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var stream = await CheckpointLayerStream.OpenAsync(response, layer, cancellationToken).ConfigureAwait(false);
            response = null;
            return stream;
        }
        catch (HttpRequestException ex)
        {
            throw new IOException($"GET blob {layer.Digest} from {Host}/{repository}: {ex.Message}", ex);
        }
        finally
        {
            response?.Dispose();
        }
    }

    public void Dispose() => _http.Dispose();
}
