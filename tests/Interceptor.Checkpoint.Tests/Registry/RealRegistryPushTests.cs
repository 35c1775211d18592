using Xunit;
using System.IO.Compression;
using System.Text.Json;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Tests.Support;
using Interceptor.Testing;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Registry;

/// <summary>
/// Checkpoint images pushed to a real registry (distribution, .ci/registry.sh) and read back with
/// skopeo: media types, annotations and digests as another client sees them, layers byte-identical.
/// </summary>
public sealed class RealRegistryPushTests
{
    [RegistryTheory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task A_pushed_image_reads_back_through_skopeo_with_its_media_types_annotations_and_digests(LayerCompression compression)
    {
        var archive = CheckpointTar();
        var image = await PushAsync(archive, new CheckpointImageOptions { Compression = compression });
        var reference = image.Reference(TestRegistry.Endpoint.Authority);

        var raw = await Skopeo.RawManifestAsync(reference);
        Assert.Equal(image.ManifestDigest, OciDigest.Of(raw));
        var manifest = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(OciMediaTypes.ImageManifest, manifest.GetProperty("mediaType").GetString());
        Assert.Equal(OciMediaTypes.ImageConfig, manifest.GetProperty("config").GetProperty("mediaType").GetString());
        var layer = Assert.Single(manifest.GetProperty("layers").EnumerateArray());
        Assert.Equal(LayerCompressors.MediaType(compression), layer.GetProperty("mediaType").GetString());
        Assert.Equal(image.Layer.Digest, layer.GetProperty("digest").GetString());

        var annotations = manifest.GetProperty("annotations");
        Assert.Equal("container-name", annotations.GetProperty(CheckpointAnnotations.CriOName).GetString());
        Assert.Equal("container-name", annotations.GetProperty(CheckpointAnnotations.ContainerName).GetString());
        Assert.Equal("a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6", annotations.GetProperty(CheckpointAnnotations.CriORootfsImageId).GetString());
        Assert.Equal("docker.io/library/nginx:latest", annotations.GetProperty(CheckpointAnnotations.CriORootfsImageName).GetString());

        var config = JsonDocument.Parse(await Skopeo.RawConfigAsync(reference)).RootElement;
        Assert.Equal(OciDigest.Of(archive), Assert.Single(config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray()).GetString());
        Assert.Equal(image.Config.Digest, OciDigest.Of(await Skopeo.RawConfigAsync(reference)));
    }

    [RegistryTheory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task A_layer_pushed_in_many_chunks_is_pulled_back_byte_identical(LayerCompression compression)
    {
        // 64 KiB chunks and a 1 MiB memory image: the layer crosses many PATCHes, with an uneven last one.
        var archive = CheckpointTar(With(File("./checkpoint/pages-2.img", (1 << 20) + 12345)));
        var options = TestRegistry.Options() with { ChunkSizeBytes = 64 * 1024 };
        var image = await PushAsync(archive, new CheckpointImageOptions { Compression = compression }, options);

        using var temp = new TempDirectory();
        var pulled = await Skopeo.PullBlobAsync(image.Reference(TestRegistry.Endpoint.Authority), image.Layer.Digest, temp.Sub("pulled"));
        Assert.Equal(image.Layer.Digest, OciDigest.Of(pulled));
        Assert.Equal(image.Layer.Size, pulled.Length);
        Assert.Equal(archive, Decompress(compression, pulled));
    }

    [RegistryFact]
    public async Task An_archive_that_breaks_a_rule_leaves_no_tag_behind()
    {
        var hostile = CheckpointTar(With(Symlink("./checkpoint/escape", "/etc/shadow")));
        var registry = TestRegistry.Client();
        var repository = TestRegistry.NewRepository("hostile");

        await Assert.ThrowsAsync<Interceptor.Checkpoint.Archive.CheckpointArchiveException>(() =>
            new CheckpointImageBuilder(registry).PushAsync(new MemoryStream(hostile), new CheckpointImageRequest(repository, "t")));
        Assert.Null(await registry.GetManifestAsync(repository, "t"));
    }

    [RegistryFact]
    public async Task Another_containers_archive_is_refused_before_the_tag_is_written()
    {
        var registry = TestRegistry.Client();
        var repository = TestRegistry.NewRepository("wrong-container");
        var request = new CheckpointImageRequest(repository, "t") { ExpectedContainer = "other" };

        var error = await Assert.ThrowsAsync<CheckpointImageException>(() => new CheckpointImageBuilder(registry).PushAsync(new MemoryStream(CheckpointTar()), request));
        Assert.Contains("'container-name', not 'other'", error.Message, StringComparison.Ordinal);
        Assert.Null(await registry.GetManifestAsync(repository, "t"));
    }

    internal static async Task<CheckpointImage> PushAsync(byte[] archive, CheckpointImageOptions imageOptions, Interceptor.Checkpoint.Registry.RegistryOptions? options = null)
    {
        var builder = new CheckpointImageBuilder(TestRegistry.Client(options), imageOptions);
        return await builder.PushAsync(new MemoryStream(archive), new CheckpointImageRequest(TestRegistry.NewRepository("push"), "latest"));
    }

    private static byte[] Decompress(LayerCompression compression, byte[] layer)
    {
        using Stream source = compression switch
        {
            LayerCompression.Gzip => new GZipStream(new MemoryStream(layer), CompressionMode.Decompress),
            LayerCompression.Zstd => new ZstdSharp.DecompressionStream(new MemoryStream(layer)),
            _ => new MemoryStream(layer),
        };
        using var output = new MemoryStream();
        source.CopyTo(output);
        return output.ToArray();
    }
}
