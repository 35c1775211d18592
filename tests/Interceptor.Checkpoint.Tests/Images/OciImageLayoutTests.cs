using System.Text.Json;
using Interceptor.Checkpoint.Images;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Images;

public sealed class OciImageLayoutTests
{
    private static readonly OciDescriptor Config = new(OciMediaTypes.ImageConfig, "sha256:" + new string('c', 64), 120);
    private static readonly OciDescriptor Layer = new(OciMediaTypes.LayerZstd, "sha256:" + new string('d', 64), 1 << 30);

    [Fact]
    public void The_manifest_is_an_oci_manifest_with_one_layer_and_ordinally_sorted_annotations()
    {
        var manifest = JsonDocument.Parse(OciImageLayout.Manifest(Config, Layer, [new("z", "1"), new("a", "2")])).RootElement;

        Assert.Equal(2, manifest.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(OciMediaTypes.ImageManifest, manifest.GetProperty("mediaType").GetString());
        Assert.Equal(Config.Digest, manifest.GetProperty("config").GetProperty("digest").GetString());
        var layer = Assert.Single(manifest.GetProperty("layers").EnumerateArray());
        Assert.Equal(1L << 30, layer.GetProperty("size").GetInt64());
        Assert.Equal(["a", "z"], manifest.GetProperty("annotations").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_so_a_retried_push_has_the_same_digest()
    {
        var created = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(OciImageLayout.Config(Layer.Digest, "amd64", created), OciImageLayout.Config(Layer.Digest, "amd64", created));
        Assert.Equal(OciImageLayout.Manifest(Config, Layer, [new("k", "v")]), OciImageLayout.Manifest(Config, Layer, [new("k", "v")]));
    }

    [Fact]
    public void The_config_names_the_uncompressed_layer_and_the_checkpoint_time_in_utc()
    {
        var config = JsonDocument.Parse(OciImageLayout.Config("sha256:" + new string('e', 64), "arm64", new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.FromHours(2)))).RootElement;

        Assert.Equal("2026-11-22T13:00:00Z", config.GetProperty("created").GetString());
        Assert.Equal("arm64", config.GetProperty("architecture").GetString());
        Assert.Equal("linux", config.GetProperty("os").GetString());
        Assert.Equal("layers", config.GetProperty("rootfs").GetProperty("type").GetString());
        Assert.Equal("sha256:" + new string('e', 64), Assert.Single(config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray()).GetString());
    }
}
