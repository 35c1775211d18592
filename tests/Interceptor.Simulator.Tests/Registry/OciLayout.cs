using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// Writes an OCI image layout (image-spec image-layout.md) that skopeo reads as <c>oci:DIR:TAG</c>: gzipped tar
/// layers with real diff_ids in the config, a manifest carrying annotations as a checkpoint image does, and the
/// index naming it by tag. Every blob's bytes are kept so a test can compare what comes back.
/// </summary>
public sealed class OciLayout
{
    private OciLayout(string directory, byte[] manifest, IReadOnlyDictionary<string, byte[]> blobs)
    {
        Directory = directory;
        Manifest = manifest;
        Blobs = blobs;
    }

    public string Directory { get; }

    /// <summary>The manifest's exact bytes.</summary>
    public byte[] Manifest { get; }

    /// <summary>Config and layers, by digest.</summary>
    public IReadOnlyDictionary<string, byte[]> Blobs { get; }

    public static OciLayout Write(string directory, string tag, IReadOnlyDictionary<string, string> annotations, params string[] layerTexts)
    {
        var blobs = new Dictionary<string, byte[]>();
        string Add(byte[] content)
        {
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
            blobs[digest] = content;
            return digest;
        }

        var layers = layerTexts.Select((text, i) => Layer($"layer-{i}.txt", text)).ToList();
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray([.. layers.Select(l => (JsonNode)("sha256:" + Convert.ToHexStringLower(SHA256.HashData(l.Tar)))) ]),
            },
        }.ToJsonString());
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", Add(config), config.Length),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Add(l.Gzipped), l.Gzipped.Length))]),
            ["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        }.ToJsonString());
        var manifestDigest = Add(manifest);

        var blobDirectory = Path.Combine(directory, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobDirectory);
        foreach (var (digest, content) in blobs)
        {
            File.WriteAllBytes(Path.Combine(blobDirectory, digest["sha256:".Length..]), content);
        }

        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var entry = Descriptor("application/vnd.oci.image.manifest.v1+json", manifestDigest, manifest.Length);
        entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        File.WriteAllText(Path.Combine(directory, "index.json"), new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(entry) }.ToJsonString());
        blobs.Remove(manifestDigest);
        return new OciLayout(directory, manifest, blobs);
    }

    private static JsonObject Descriptor(string mediaType, string digest, long size) =>
        new() { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };

    private static (byte[] Tar, byte[] Gzipped) Layer(string fileName, string text)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, fileName) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
            writer.WriteEntry(entry);
        }

        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        return (tar.ToArray(), gzipped.ToArray());
    }
}
