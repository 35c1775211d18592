using System.Formats.Tar;
using System.Text;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>
/// The gaps a hostile archive used (issue 9, item 15): huge extended headers read whole, identities that are
/// not Kubernetes names, setuid files, terminal escapes in names, and errors naming the entry before the bad one.
/// </summary>
// Runs alone: its allocation bounds read the process-wide counter, which parallel tests would inflate.
[Collection(nameof(MemoryMeasurement))]
public sealed class ReaderGapTests
{
    private const long HugeRecord = 256L << 20;

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public async Task A_256_MiB_extended_header_is_refused_from_its_header_block_without_being_read(TarEntryFormat format)
    {
        // A PAX 'x' (or GNU 'L') header declaring a 256 MiB record, followed by the 256 MiB themselves.
        var entry = Write([File(new string('p', 150))], format);
        var header = TarBytes.WithDeclaredSize(entry, headerOffset: 0, size: HugeRecord)[..TarBytes.Block];
        var stream = new HeaderThenBytes(header, HugeRecord);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<CheckpointArchiveException>(() => new CheckpointArchiveReader().ReadAsync(stream));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(ArchiveRule.ExtendedHeaderTooLarge, error.Rule);
        Assert.Contains("at byte 0", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"refusing the header allocated {allocated >> 20} MiB");
        Assert.True(stream.Produced < 1 << 20, $"{stream.Produced} bytes of the record were read");
    }

    [Fact]
    public async Task A_normal_long_path_within_the_cap_is_still_accepted()
    {
        var deep = string.Join('/', Enumerable.Repeat("d", 60)) + "/" + new string('f', 200);

        var archive = await ArchiveAssert.ReadAsync(CheckpointTar(With(File(deep))));

        Assert.Contains(archive.Entries, e => e.Name == deep);
    }

    [Theory]
    [InlineData("io.kubernetes.pod.name", "../../etc")]
    [InlineData("io.kubernetes.pod.name", "Web")]
    [InlineData("io.kubernetes.pod.namespace", "kube-system/../x")]
    [InlineData("io.kubernetes.pod.namespace", "a.b")]
    [InlineData("io.kubernetes.container.name", "a/b")]
    [InlineData("io.kubernetes.pod.uid", "u/../../1")]
    public async Task An_identity_Kubernetes_would_not_accept_is_refused(string annotation, string value)
    {
        var spec = SpecWith(annotation, value, dropCriOMetadata: annotation == "io.kubernetes.container.name");

        var error = await ArchiveAssert.RejectedAsync(CheckpointTar(Replacing("spec.dump", File("spec.dump", spec))), ArchiveRule.InvalidMetadata, "spec.dump");

        Assert.Contains("as Kubernetes requires", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_name_from_config_dump_that_could_be_a_path_is_refused()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read(Fixtures.CriOConfig))!.AsObject();
        config["name"] = "../../etc";
        var bytes = CheckpointTar(
            Replacing("spec.dump", File("spec.dump", Fixtures.Read(Fixtures.CriOMinimalSpec))),
            Replacing("config.dump", File("config.dump", config.ToJsonString())));

        await ArchiveAssert.RejectedAsync(bytes, ArchiveRule.InvalidMetadata, "spec.dump");
    }

    [Fact]
    public async Task A_containerd_container_name_with_a_slash_is_refused()
    {
        const string spec = """{"annotations":{"io.kubernetes.cri.container-name":"a/b","io.kubernetes.cri.sandbox-name":"web","io.kubernetes.cri.sandbox-namespace":"shop"}}""";

        await ArchiveAssert.RejectedAsync(CheckpointTar(Replacing("spec.dump", File("spec.dump", spec))), ArchiveRule.InvalidMetadata, "spec.dump");
    }

    [Theory]
    [InlineData(UnixFileMode.SetUser | UnixFileMode.UserExecute, TarEntryType.RegularFile)]
    [InlineData(UnixFileMode.SetGroup | UnixFileMode.GroupExecute, TarEntryType.RegularFile)]
    [InlineData(UnixFileMode.SetUser, TarEntryType.Directory)]
    public async Task Setuid_and_setgid_are_refused(UnixFileMode mode, TarEntryType type)
    {
        var entry = new TestEntry("checkpoint/su", () => new PaxTarEntry(type, "checkpoint/su") { Mode = mode | UnixFileMode.UserRead });

        await ArchiveAssert.RejectedAsync(CheckpointTar(With(entry)), ArchiveRule.PrivilegedMode, "checkpoint/su");
    }

    [Fact]
    public async Task A_setgid_directory_grants_nothing_and_is_accepted()
    {
        var entry = new TestEntry("shared/", () => new PaxTarEntry(TarEntryType.Directory, "shared/") { Mode = UnixFileMode.SetGroup | UnixFileMode.UserRead | UnixFileMode.UserExecute });

        await ArchiveAssert.ReadAsync(CheckpointTar(With(entry)));
    }

    [Theory]
    [InlineData("checkpoint/\u001b[2Jcleared")]
    [InlineData("checkpoint/carriage\rreturn")]
    [InlineData("checkpoint/\u009bcsi")]
    [InlineData("checkpoint/del\u007f")]
    public async Task A_name_with_a_terminal_control_character_is_refused(string name) =>
        await ArchiveAssert.RejectedAsync(CheckpointTar(With(File(name))), ArchiveRule.InvalidName, name);

    [Fact]
    public async Task A_link_target_with_a_control_character_is_refused() =>
        await ArchiveAssert.RejectedAsync(CheckpointTar(With(Symlink("checkpoint/l", "x\u001b]0;title\u0007"))), ArchiveRule.InvalidName, "checkpoint/l");

    [Fact]
    public async Task A_header_TarReader_refuses_is_named_itself_with_its_offset_not_the_entry_before()
    {
        var whole = CheckpointTar();
        var bad = TarBytes.HeaderOffset(whole, "./rootfs-diff.tar");
        var broken = (byte[])whole.Clone();
        Encoding.ASCII.GetBytes("9999999\0").CopyTo(broken, bad + 100); // mode: not octal
        broken = TarBytes.WithDeclaredSize(broken, bad, TestArchives.RootfsDiff.Length); // recompute the checksum so only the field is wrong

        var error = await ArchiveAssert.RejectedAsync(broken, ArchiveRule.Corrupt, "./rootfs-diff.tar");

        Assert.Contains($"in the header at byte {bad}", error.Message, StringComparison.Ordinal);
    }

    private static string SpecWith(string annotation, string value, bool dropCriOMetadata)
    {
        var spec = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read(Fixtures.CriOSpec))!.AsObject();
        var annotations = spec["annotations"]!.AsObject();
        annotations[annotation] = value;
        if (dropCriOMetadata)
        {
            annotations.Remove("io.kubernetes.cri-o.Metadata");
        }

        return spec.ToJsonString();
    }
}
