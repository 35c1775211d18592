using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Images;

/// <summary>Annotations from the real CRI-O fixtures (checkpointctl's config.dump and spec.dump).</summary>
public sealed class CheckpointImageAnnotationsTests
{
    private static readonly CheckpointMetadata CriO = CheckpointMetadata.From(
        ContainerConfigDump.Parse(Fixtures.Read(Fixtures.CriOConfig)), SpecDump.Parse(Fixtures.Read(Fixtures.CriOSpec)), hasContainerdStatusFile: false);

    public static TheoryData<string, string> Expected => new()
    {
        { CheckpointAnnotations.CriOName, "container-name" },
        { CheckpointAnnotations.ContainerName, "container-name" },
        { CheckpointAnnotations.EngineName, "CRI-O" },
        { CheckpointAnnotations.PodName, "pod-name" },
        { CheckpointAnnotations.PodNamespace, "default" },
        // CRI-O's rootfsImageRef is the image ID, and that is what both ID keys carry.
        { CheckpointAnnotations.CriORootfsImageId, "a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6" },
        { CheckpointAnnotations.RootfsImageId, "a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6" },
        // The digest comes from rootfsImage (NAME@DIGEST), never from the ID.
        { CheckpointAnnotations.RootfsImageSha, "sha256:161ef4b1bf7effb350a2a9625cb2b59f69d54ec6059a8a155a1438d0439c593c" },
        { CheckpointAnnotations.CriORawImageName, "docker.io/library/nginx@sha256:161ef4b1bf7effb350a2a9625cb2b59f69d54ec6059a8a155a1438d0439c593c" },
        { CheckpointAnnotations.RootfsImageUserRequested, "docker.io/library/nginx@sha256:161ef4b1bf7effb350a2a9625cb2b59f69d54ec6059a8a155a1438d0439c593c" },
        { CheckpointAnnotations.CriORootfsImageName, "docker.io/library/nginx:latest" },
        { CheckpointAnnotations.RootfsImageName, "docker.io/library/nginx:latest" },
        { CheckpointAnnotations.RuntimeName, "runc" },
        { CheckpointAnnotations.HostArch, "arm64" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_key_carries_its_value_from_the_archive(string key, string value) =>
        Assert.Equal(value, CheckpointImageAnnotations.For(CriO, "arm64")[key]);

    [Fact]
    public void Metadata_the_archive_lacks_leaves_its_key_out_instead_of_empty()
    {
        var bare = CriO with { RootfsImageName = null, RootfsImageRef = null, RootfsImageDigest = null, Runtime = null, Config = CriO.Config with { RootfsImage = null } };

        var annotations = CheckpointImageAnnotations.For(bare, "amd64");

        Assert.DoesNotContain(annotations.Values, string.IsNullOrEmpty);
        Assert.False(annotations.ContainsKey(CheckpointAnnotations.CriORootfsImageId));
        Assert.Equal("container-name", annotations[CheckpointAnnotations.CriOName]);
    }
}
