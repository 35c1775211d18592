using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>The real checkpointctl metadata files, wrapped in synthetic archives, read into the expected records.</summary>
public sealed class FixtureArchiveTests
{
    [Fact]
    public async Task A_CRI_O_kubelet_checkpoint_reads_into_its_pod_container_image_runtime_and_time()
    {
        var archive = await ArchiveAssert.ReadAsync(CheckpointTar());
        var metadata = archive.Metadata;

        Assert.Equal(CheckpointEngine.CriO, metadata.Engine);
        Assert.Equal(("pod-name", "default", "container-name"), (metadata.PodName, metadata.PodNamespace, metadata.ContainerName));
        Assert.Equal("6924be1bd90c23f10e2667102b0ee0f74f09bba78b6661871e733cb3b1737821", metadata.ContainerId);
        Assert.EndsWith("/library/nginx:latest", metadata.RootfsImageName, StringComparison.Ordinal);
        Assert.Equal("a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6", metadata.RootfsImageRef);
        Assert.Equal("sha256:161ef4b1bf7effb350a2a9625cb2b59f69d54ec6059a8a155a1438d0439c593c", metadata.RootfsImageDigest);
        Assert.Equal("runc", metadata.Runtime);
        Assert.Equal(new DateTimeOffset(2024, 1, 28, 0, 10, 45, TimeSpan.FromHours(5.5)).AddTicks(6735386), metadata.CheckpointedTime);
    }

    [Fact]
    public async Task The_summary_lists_entries_bind_mounts_and_sizes()
    {
        var bytes = CheckpointTar();

        var archive = await ArchiveAssert.ReadAsync(bytes);

        Assert.Equal(11, archive.Entries.Count);
        Assert.DoesNotContain(archive.Entries, e => e.Name.StartsWith("./", StringComparison.Ordinal) || e.Name.EndsWith('/'));
        Assert.Equal(new BindMount("/var/lib/kubelet/pods/u/etc-hosts", "/etc/hosts", "file", 420), Assert.Single(archive.BindMounts));
        Assert.Equal(3, archive.CriuImageCount);
        Assert.Equal(new ArchiveSizes(
            ArchiveBytes: bytes.Length,
            DataBytes: archive.Entries.Sum(e => e.Length),
            CheckpointBytes: 64 + 10_000 + 300 + 2,
            PagesBytes: 10_000,
            RootfsDiffBytes: TestArchives.RootfsDiff.Length,
            CriuImageCount: 3), archive.Sizes);
    }

    [Fact]
    public async Task The_minimal_CRI_O_spec_still_reads_and_names_the_container_from_config_dump()
    {
        var bytes = CheckpointTar(Replacing("spec.dump", File("spec.dump", Fixtures.Read(Fixtures.CriOMinimalSpec))));

        var metadata = (await ArchiveAssert.ReadAsync(bytes)).Metadata;

        Assert.Equal(CheckpointEngine.CriO, metadata.Engine);
        Assert.Equal("k8s_container-name_deployment-name_default_6975ee47-6765-45dc-9a2b-1e38d51031f7_0", metadata.ContainerName);
        Assert.Null(metadata.PodName);
    }

    [Fact]
    public async Task A_Podman_checkpoint_reads_with_its_mounts_and_no_pod()
    {
        var bytes = CheckpointTar(Replacing("spec.dump", File("spec.dump", Fixtures.Read(Fixtures.PodmanSpec))), Without("bind.mounts"));

        var archive = await ArchiveAssert.ReadAsync(bytes);

        Assert.Equal(CheckpointEngine.Podman, archive.Metadata.Engine);
        Assert.Null(archive.Metadata.PodNamespace);
        Assert.Empty(archive.BindMounts);
        Assert.Contains(archive.Metadata.Spec.Mounts, m => m.Destination == "/proc" && m.Type == "proc");
    }

    [Fact]
    public async Task A_containerd_checkpoint_reads_its_pod_from_the_CRI_annotations()
    {
        const string spec = """
            {"annotations":{"io.kubernetes.cri.container-name":"web","io.kubernetes.cri.sandbox-name":"web-0",
             "io.kubernetes.cri.sandbox-namespace":"shop","io.kubernetes.cri.sandbox-uid":"u-1","io.kubernetes.cri.container-type":"container"}}
            """;
        var bytes = CheckpointTar(Replacing("spec.dump", File("spec.dump", spec)), Without("bind.mounts"), With(File("status", "{}"), File("status.dump", "{}")));

        var metadata = (await ArchiveAssert.ReadAsync(bytes)).Metadata;

        Assert.Equal(CheckpointEngine.Containerd, metadata.Engine);
        Assert.Equal(("web-0", "shop", "web", "u-1"), (metadata.PodName, metadata.PodNamespace, metadata.ContainerName, metadata.PodUid));
    }

    [Fact]
    public void The_in_repository_fixture_copies_match_the_shared_originals_when_those_are_present()
    {
        // CI has shared/ beside the clone; a bare clone does not, and then there is nothing to compare.
        if (!System.IO.Directory.Exists(Fixtures.SharedDirectory))
        {
            return;
        }

        foreach (var name in Fixtures.All)
        {
            Assert.Equal(System.IO.File.ReadAllBytes(Path.Combine(Fixtures.SharedDirectory, name)), Fixtures.Read(name));
        }
    }
}
