using System.Text.Json;
using Interceptor.Checkpoint.Images;

namespace Interceptor.Simulator.Nodes.Images;

/// <summary>
/// What a runtime reads from an OCI manifest to decide about a restore: whether CRI-O's checkpoint annotation is
/// there (CRI-O <c>checkIfCheckpointOCIImage</c>: only that key makes it restore) and the single layer holding the archive.
/// </summary>
internal static class CheckpointManifest
{
    /// <summary>
    /// The checkpoint layer, or null for an ordinary image (no <see cref="CheckpointAnnotations.CriOName"/>).
    /// A manifest that claims to be a checkpoint but is not one layer is invalid data, as a restore from it would fail.
    /// </summary>
    public static OciDescriptor? CheckpointLayer(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (!root.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Object
                || !annotations.TryGetProperty(CheckpointAnnotations.CriOName, out _))
            {
                return null;
            }

            return root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array && layers.GetArrayLength() == 1
                ? Descriptor(layers[0])
                : throw new InvalidDataException("the checkpoint image's manifest does not have exactly one layer");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"the image's manifest is not a readable OCI manifest: {ex.Message}", ex);
        }
    }

    private static OciDescriptor Descriptor(JsonElement layer)
    {
        var digest = layer.GetProperty("digest").GetString();
        return OciDigest.IsValid(digest)
            ? new OciDescriptor(layer.GetProperty("mediaType").GetString() ?? "", digest!, layer.GetProperty("size").GetInt64())
            : throw new InvalidDataException($"the checkpoint layer's digest '{digest}' is not a sha256 digest");
    }
}
