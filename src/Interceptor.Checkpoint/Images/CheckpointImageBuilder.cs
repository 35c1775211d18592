using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Registry;

namespace Interceptor.Checkpoint.Images;

/// <summary>
/// Turns a checkpoint archive into an OCI checkpoint image in a registry, streaming: the archive is
/// read once, validated by <see cref="CheckpointArchiveReader"/> as it passes, hashed and uploaded in
/// chunks; memory stays at the upload's two chunk buffers whatever the archive's size. The layer is
/// the archive itself (a tar whose entries are the checkpoint files at <c>/</c>), optionally compressed.
/// </summary>
public sealed class CheckpointImageBuilder(RegistryClient registry, CheckpointImageOptions? options = null)
{
    private static readonly CheckpointImageOptions Defaults = new();
    private readonly CheckpointImageOptions _options = options ?? Defaults;
    private readonly CheckpointArchiveReader _reader = new((options ?? Defaults).Rules);

    public CheckpointImageOptions Options => _options;

    /// <summary>
    /// Builds and pushes the image. Throws <see cref="CheckpointArchiveException"/> for an archive that
    /// breaks a rule, <see cref="CheckpointImageException"/> for one that must not become this image,
    /// <see cref="RegistryException"/> for the registry. Nothing is tagged unless every step succeeded.
    /// </summary>
    public async Task<CheckpointImage> PushAsync(Stream archive, CheckpointImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(request);
        var repository = RegistryNames.RequireRepository(request.Repository, nameof(request));
        var tag = RegistryNames.RequireTag(request.Tag, nameof(request));

        // 1. Open the layer's upload session.
        var upload = await registry.StartUploadAsync(repository, cancellationToken).ConfigureAwait(false);
        LayerResult layer;
        await using (upload.ConfigureAwait(false))
        {
            // 2. One pass: validate the archive while it is compressed, hashed and uploaded.
            layer = await StreamLayerAsync(archive, upload, cancellationToken).ConfigureAwait(false);

            // 3. Refuse a valid archive that must not become this image, before anything is committed.
            CheckpointImageRules.Check(layer.Archive, request);

            // 4. Close the upload; the registry confirms the digest. Disposing an unfinished upload aborts it.
            layer = layer with { Descriptor = await upload.CompleteAsync(layer.Digest, layer.MediaType, cancellationToken).ConfigureAwait(false) };
        }

        // 5. The config (skipped when the registry has it: identical checkpoints give identical configs).
        var metadata = layer.Archive.Metadata;
        var configBytes = OciImageLayout.Config(layer.DiffId, _options.Architecture, metadata.CheckpointedTime);
        var config = await registry.PushBlobAsync(repository, configBytes, OciMediaTypes.ImageConfig, cancellationToken).ConfigureAwait(false);

        // 6. The manifest, last: the tag appears only for a complete image.
        var annotations = CheckpointImageAnnotations.For(metadata, _options.Architecture);
        var manifest = OciImageLayout.Manifest(config, layer.Descriptor!, annotations);
        var digest = await registry.PutManifestAsync(repository, tag, manifest, OciMediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
        return new CheckpointImage(repository, tag, digest, config, layer.Descriptor!, annotations, layer.Archive);
    }

    private async Task<LayerResult> StreamLayerAsync(Stream archive, BlobUploadStream upload, CancellationToken cancellationToken)
    {
        var mediaType = LayerCompressors.MediaType(_options.Compression);
        var layerHash = new HashingWriteStream(upload);
        await using (layerHash.ConfigureAwait(false))
        {
            var compressor = LayerCompressors.Compressor(_options.Compression, layerHash);
            if (compressor is null)
            {
                var checkedArchive = await _reader.ReadAsync(new TeeReadStream(archive, layerHash), cancellationToken).ConfigureAwait(false);
                var digest = layerHash.Digest();
                return new LayerResult(checkedArchive, digest, digest, mediaType, null);
            }

            var diffHash = new HashingWriteStream(compressor);
            await using (compressor.ConfigureAwait(false))
            await using (diffHash.ConfigureAwait(false))
            {
                var checkedArchive = await _reader.ReadAsync(new TeeReadStream(archive, diffHash), cancellationToken).ConfigureAwait(false);
                var diffId = diffHash.Digest();
                // IMPORTANT: closing the compressor writes its last frame into the layer, so it must
                // precede the layer digest. On failure the await using closes it; the upload is aborted anyway.
                await compressor.DisposeAsync().ConfigureAwait(false);
                return new LayerResult(checkedArchive, diffId, layerHash.Digest(), mediaType, null);
            }
        }
    }

    private sealed record LayerResult(CheckpointArchive Archive, string DiffId, string Digest, string MediaType, OciDescriptor? Descriptor);
}
