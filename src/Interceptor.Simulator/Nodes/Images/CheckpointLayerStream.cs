using System.IO.Compression;
using Interceptor.Checkpoint;
using Interceptor.Checkpoint.Images;
using ZstdSharp;

namespace Interceptor.Simulator.Nodes.Images;

/// <summary>
/// The uncompressed checkpoint layer, read straight off the registry's response: the layer is a tar of the archive's
/// files at <c>/</c>, so these bytes are the kubelet checkpoint archive. Decompressed by the layer's media type
/// (tar, tar+gzip, tar+zstd: the three <see cref="LayerCompressors"/> writes). When the archive ends, whatever the
/// decompressor left of the blob is read too, so the blob's digest is always checked before the caller sees the end.
/// </summary>
internal sealed class CheckpointLayerStream : ReadOnlyForwardStream
{
    private readonly HttpResponseMessage _response;
    private readonly VerifiedBlobStream _blob;
    private readonly Stream _archive;

    private CheckpointLayerStream(HttpResponseMessage response, VerifiedBlobStream blob, Stream archive)
    {
        _response = response;
        _blob = blob;
        _archive = archive;
    }

    /// <summary>Takes ownership of <paramref name="response"/>; its body is the layer blob <paramref name="layer"/> describes.</summary>
    public static async Task<CheckpointLayerStream> OpenAsync(HttpResponseMessage response, OciDescriptor layer, CancellationToken ct)
    {
        var blob = new VerifiedBlobStream(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), layer);
        return new CheckpointLayerStream(response, blob, Decompressor(layer.MediaType, blob));
    }

    private static Stream Decompressor(string mediaType, Stream blob) => mediaType switch
    {
        OciMediaTypes.Layer => blob,
        OciMediaTypes.LayerGzip => new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true),
        OciMediaTypes.LayerZstd => new DecompressionStream(blob, leaveOpen: true),
        _ => throw new InvalidDataException($"checkpoint layer media type '{mediaType}' is not tar, tar+gzip or tar+zstd"),
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await _archive.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0 && !buffer.IsEmpty && !ReferenceEquals(_archive, _blob))
            {
                await _blob.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            return read;
        }
        catch (ZstdException ex)
        {
            // The kubelet reports invalid data as CreateContainerError; ZstdSharp's own exception type is not that.
            throw new InvalidDataException($"the checkpoint layer is not valid zstd: {ex.Message}", ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Async only: the source is a network response, and blocking a thread on it would hide that.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read the checkpoint layer asynchronously.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _archive.Dispose();
            _blob.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }
}
