using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// The reader streams: a 300 MB archive, generated while it is read, goes through with a small,
/// bounded amount of managed memory. Allocation, not time, is asserted: the total allocated while
/// reading bounds the peak, and would be at least the size of any entry the reader buffered.
/// Runs alone so the process-wide counter sees only this test.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class StreamingTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_300_MB_archive_is_read_with_bounded_managed_memory()
    {
        var (small, large) = LargeCheckpoint();
        var expectedData = large.Sum(f => f.Length);
        var source = new LazyTarStream(small, large);
        var reader = new CheckpointArchiveReader();
        await reader.ReadAsync(new LazyTarStream(small, [("checkpoint/warm-up.img", MiB)])); // JIT and pools, not the subject

        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var archive = await reader.ReadAsync(source);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;

        Assert.True(source.Produced > 300_000_000, $"only {source.Produced} bytes were produced");
        Assert.Equal(source.Produced, archive.Sizes.ArchiveBytes);
        Assert.Equal(expectedData, archive.Sizes.PagesBytes);
        Assert.True(allocated < 16 * MiB, $"reading {source.Produced} bytes allocated {allocated} bytes");
        Assert.True(retained < 4 * MiB, $"reading left {retained} more bytes reachable");
        GC.KeepAlive(archive);
    }

    private static (List<TestEntry> Small, List<(string Name, long Length)> Large) LargeCheckpoint()
    {
        List<TestEntry> small =
        [
            File("config.dump", Fixtures.Read(Fixtures.CriOConfig)),
            File("spec.dump", Fixtures.Read(Fixtures.CriOSpec)),
            Directory("checkpoint/"),
            .. Enumerable.Range(1, 50).Select(i => File($"checkpoint/core-{i}.img", 4096)),
        ];
        List<(string, long)> large = [("checkpoint/pages-1.img", 200 * MiB), ("checkpoint/pages-2.img", 90 * MiB)];
        return (small, large);
    }
}
