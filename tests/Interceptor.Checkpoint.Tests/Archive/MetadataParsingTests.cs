using System.Text;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>The metadata records on their own: pure parsing of the JSON, no archive.</summary>
public sealed class MetadataParsingTests
{
    [Fact]
    public void The_CRI_O_config_dump_fixture_parses_every_field()
    {
        var config = ContainerConfigDump.Parse(Fixtures.Read(Fixtures.CriOConfig));

        Assert.Equal("k8s_container-name_deployment-name_default_6975ee47-6765-45dc-9a2b-1e38d51031f7_0", config.Name);
        Assert.EndsWith("/library/nginx@sha256:161ef4b1bf7effb350a2a9625cb2b59f69d54ec6059a8a155a1438d0439c593c", config.RootfsImage, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 1, 27, 14, 45, 26, TimeSpan.Zero).AddTicks(834440), config.CreatedTime);
        Assert.Equal(TimeSpan.FromHours(5.5), config.CheckpointedTime?.Offset);
        Assert.Null(config.RestoredTime);
        Assert.False(config.Restored);
    }

    [Fact]
    public void Keys_match_case_insensitively_as_in_Go()
    {
        var config = ContainerConfigDump.Parse("""{"ID":"abc","RootfsImageName":"busybox:1"}"""u8);

        Assert.Equal(("abc", "busybox:1"), (config.Id, config.RootfsImageName));
    }

    [Fact]
    public void The_Podman_spec_fixture_keeps_annotations_and_mounts()
    {
        var spec = SpecDump.Parse(Fixtures.Read(Fixtures.PodmanSpec));

        Assert.Equal("libpod", spec.Annotations[SpecAnnotations.ContainerManager]);
        Assert.All(spec.Mounts, m => Assert.StartsWith("/", m.Destination, StringComparison.Ordinal));
        Assert.NotEmpty(spec.Mounts);
    }

    [Fact]
    public void Bind_mounts_parse_with_their_file_type()
    {
        var mounts = BindMount.ParseList("""[{"source":"/s","destination":"/etc/resolv.conf","file_type":"file","permissions":420},{"source":"/d","destination":"/data","file_type":"directory","permissions":493}]"""u8);

        Assert.Equal([true, false], mounts.Select(m => m.IsFile));
    }

    [Theory]
    [InlineData("nginx@sha256:abc", "", "sha256:abc")]
    [InlineData("nginx:latest", "example/x/y@sha256:def", "sha256:def")]
    [InlineData("nginx:latest", "sha256:0123", null)]
    [InlineData("registry:5000/nginx:1", "", null)]
    public void The_digest_comes_only_from_a_NAME_at_DIGEST_reference(string rootfsImage, string rootfsImageRef, string? digest)
    {
        var config = new ContainerConfigDump { Id = "a", Name = "c", RootfsImage = rootfsImage, RootfsImageRef = rootfsImageRef };
        var spec = SpecDump.Parse("""{"annotations":{"io.container.manager":"cri-o"}}"""u8);

        Assert.Equal(digest, CheckpointMetadata.From(config, spec, hasContainerdStatusFile: false).RootfsImageDigest);
    }

    [Fact]
    public void A_parse_error_names_the_file_and_the_rule()
    {
        var error = Assert.Throws<CheckpointArchiveException>(() => SpecDump.Parse(Encoding.UTF8.GetBytes("null")));

        Assert.Equal((ArchiveRule.InvalidMetadata, "spec.dump"), (error.Rule, error.EntryName));
    }
}
