using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Interceptor.Simulator.Registry;
using Xunit;
using Xunit.Abstractions;

namespace Interceptor.Simulator.Tests.Registry;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Pushes big blobs in chunks over loopback and reads them back, printing MB/s, and checks the process's
/// managed memory stays flat whatever the blob's size: blobs stream to disk, hashed on the way. Runs alone: the
/// managed heap is the whole process's, and a parallel test's allocations were once counted as the registry's.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class RegistryThroughputTests(ITestOutputHelper output) : RegistryTest
{
    private const long MiB = 1024 * 1024;
    private const long ChunkBytes = 16 * MiB;

    [Fact]
    public async Task A_256_MiB_blob_pushed_in_16_MiB_chunks_reads_back_with_its_digest_and_memory_does_not_grow_with_its_size()
    {
        var pattern = GeneratedContent.Pattern();
        // Warm up (JIT, connection, TLS handshake) so the first measurement is not mostly start-up.
        await MeasureAsync("sim/warm-up", 1 * MiB, pattern);

        var small = await MeasureAsync("sim/small", 32 * MiB, pattern);
        var large = await MeasureAsync("sim/large", 256 * MiB, pattern);

        output.WriteLine($"{Registry.BaseAddress.Scheme}: {small}");
        output.WriteLine($"{Registry.BaseAddress.Scheme}: {large}");
        // Holding the blob anywhere would add 256 MiB; what remains is buffers and not-yet-collected garbage.
        Assert.True(large.PeakManagedGrowth < 64 * MiB, large.ToString());
        Assert.True(large.PeakManagedGrowth < small.PeakManagedGrowth + 32 * MiB, $"{small}\n{large}");
    }

    private async Task<Measurement> MeasureAsync(string name, long size, byte[] pattern)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var sampler = new PeakSampler();

        using var sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var clock = Stopwatch.StartNew();
        using var start = await Http.PostAsync($"/v2/{name}/blobs/uploads/", null);
        var location = start.Headers.Location!.ToString();
        for (long offset = 0; offset < size; offset += ChunkBytes)
        {
            var length = Math.Min(ChunkBytes, size - offset);
            using var chunk = new GeneratedContent(pattern, offset, length, sent);
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
            using var response = await Http.PatchAsync(location, chunk);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            location = response.Headers.Location!.ToString();
        }

        var digest = "sha256:" + Convert.ToHexStringLower(sent.GetHashAndReset());
        using var close = await Http.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        var upload = clock.Elapsed;

        clock.Restart();
        using var pull = await Http.GetAsync($"/v2/{name}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await pull.Content.ReadAsStreamAsync();
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(body)));
        var download = clock.Elapsed;

        return new Measurement(size, upload, download, sampler.Stop() - baseline, sampler.PeakWorkingSet);
    }

    private sealed record Measurement(long Size, TimeSpan Upload, TimeSpan Download, long PeakManagedGrowth, long PeakWorkingSet)
    {
        public override string ToString() =>
            $"{Size / MiB} MiB in {ChunkBytes / MiB} MiB chunks: push {Size / MiB / Upload.TotalSeconds:0} MiB/s ({Upload.TotalSeconds:0.00} s), " +
            $"pull {Size / MiB / Download.TotalSeconds:0} MiB/s, peak managed heap +{PeakManagedGrowth / (double)MiB:0.0} MiB, " +
            $"peak working set {PeakWorkingSet / MiB} MiB";
    }

    /// <summary>Samples the managed heap and working set every 10 ms until stopped, keeping the peaks.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peakManaged;

        public PeakSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
                await Task.Delay(10).ConfigureAwait(false);
            }
        });

        public long PeakWorkingSet { get; private set; }

        public long Stop()
        {
            _stop.Cancel();
            _loop.Wait();
            return _peakManaged;
        }

        public void Dispose() => _stop.Dispose();
    }
}

/// <summary>The same over HTTPS, the embedded registry's default.</summary>
public sealed class RegistryThroughputOverTlsTests(ITestOutputHelper output) : RegistryThroughputTests(output)
{
    protected override EmbeddedRegistryOptions Options => new() { UseHttps = true };
}
