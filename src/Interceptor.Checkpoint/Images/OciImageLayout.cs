using System.Text.Json;

namespace Interceptor.Checkpoint.Images;

/// <summary>
/// The two small JSON documents of a checkpoint image, written byte-for-byte deterministically (pure):
/// the same layer and metadata always give the same digests, so a retried push is a no-op.
/// </summary>
public static class OciImageLayout
{
    /// <summary>
    /// The image config: the single layer's uncompressed digest (diff ID), os and architecture, and a
    /// creation time taken from the checkpoint, never the clock, to stay deterministic. It has no
    /// entrypoint: a checkpoint image is restored, never run.
    /// </summary>
    public static byte[] Config(string diffId, string architecture, DateTimeOffset? created)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (created is { } time)
            {
                json.WriteString("created", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteString("architecture", architecture);
            json.WriteString("os", "linux");
            json.WriteStartObject("config");
            json.WriteEndObject();
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            json.WriteStringValue(diffId);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The OCI manifest: one config, one layer, annotations in ordinal key order.</summary>
    public static byte[] Manifest(OciDescriptor config, OciDescriptor layer, IEnumerable<KeyValuePair<string, string>> annotations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.ImageManifest);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            WriteDescriptor(json, layer);
            json.WriteEndArray();
            json.WriteStartObject("annotations");
            foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, OciDescriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest);
        json.WriteNumber("size", descriptor.Size);
        json.WriteEndObject();
    }
}
