using System.Text.Json;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;

namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Publishes a checkpoint archive as an OCI checkpoint image (one per container and attempt, tag from
/// <see cref="CheckpointTags"/>) and deletes it after the migration. Idempotent: when the attempt's tag
/// already holds a complete checkpoint image of the same container (the manifest is pushed last, so a
/// tag means complete), publishing again returns it without reading the archive.
/// </summary>
public sealed class RegistryCheckpointTransfer : ICheckpointTransfer
{
    /// <summary>The <see cref="Kind"/> of this transport, as status, metrics and the agent's <c>Transport</c> setting name it.</summary>
    public const string TransportKind = "registry";

    private readonly RegistryClient _registry;
    private readonly CheckpointImageBuilder _builder;
    private readonly string _repository;
    private readonly string _referenceHost;

    public RegistryCheckpointTransfer(RegistryClient registry, CheckpointImageBuilder builder, RegistryTransferOptions options)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        ArgumentNullException.ThrowIfNull(options);
        _repository = RegistryNames.RequireRepository(options.Repository, nameof(options));
        _referenceHost = options.ReferenceHost ?? registry.Host;
    }

    public string Kind => TransportKind;

    public async Task<PublishedCheckpoint> PublishAsync(CheckpointPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var destination = publication.Destination;
        var tag = CheckpointTags.For(destination);
        if (await FindPublishedAsync(tag, destination.Container, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var archive = ArchiveFile.OpenRead(publication.ArchivePath);
        await using (archive.ConfigureAwait(false))
        {
            var request = new CheckpointImageRequest(_repository, tag) { ExpectedContainer = destination.Container, ExpectedPodUid = destination.PodUid };
            var image = await _builder.PushAsync(archive, request, cancellationToken).ConfigureAwait(false);
            return new PublishedCheckpoint(Kind, image.Reference(_referenceHost), image.ManifestDigest, image.Layer.Size);
        }
    }

    public Task<PublishedCheckpoint?> FindAsync(CheckpointDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return FindPublishedAsync(CheckpointTags.For(destination), destination.Container, cancellationToken);
    }

    /// <summary>
    /// Deletes the image's manifest (its tag goes with it; the registry's garbage collector frees the
    /// blobs). Already gone is success. A registry without deletes enabled throws
    /// <see cref="RegistryException"/> of kind <see cref="RegistryFailureKind.Unsupported"/> (terminal):
    /// the image stays, and the message says how to enable deletes.
    /// </summary>
    public async Task DeleteAsync(PublishedCheckpoint published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        var prefix = $"{_referenceHost}/{_repository}@";
        if (published.Kind != Kind || !published.Reference.StartsWith(prefix, StringComparison.Ordinal) || !OciDigest.IsValid(published.Digest)
            || published.Reference[prefix.Length..] != published.Digest)
        {
            throw new ArgumentException($"'{published.Reference}' was not published by this transfer ({prefix}...).", nameof(published));
        }

        await _registry.DeleteManifestAsync(_repository, published.Digest, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PublishedCheckpoint?> FindPublishedAsync(string tag, string container, CancellationToken cancellationToken)
    {
        if (await _registry.GetManifestAsync(_repository, tag, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        var (isCheckpoint, layerSize) = ReadManifest(found.Manifest, container);
        return isCheckpoint ? new PublishedCheckpoint(Kind, $"{_referenceHost}/{_repository}@{found.Digest}", found.Digest, layerSize) : null;
    }

    // A manifest under our tag that is not our checkpoint image (foreign, or of another container) is
    // overwritten by a fresh push rather than trusted.
    private static (bool IsCheckpoint, long LayerSize) ReadManifest(byte[] manifest, string container)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            var named = root.TryGetProperty("annotations", out var annotations)
                && annotations.TryGetProperty(CheckpointAnnotations.CriOName, out var name) && name.GetString() == container;
            var layers = root.TryGetProperty("layers", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
            return named && layers.GetArrayLength() == 1 && layers[0].TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes)
                ? (true, bytes)
                : (false, 0);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (false, 0);
        }
    }
}
