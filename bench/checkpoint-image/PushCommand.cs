using System.Diagnostics;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;

namespace Interceptor.CheckpointImageBench;

/// <summary>
/// One archive to one pushed image, the way the agent does it (CheckpointImageBuilder over a file),
/// timed from opening the archive to the manifest PUT. Prints one result line.
/// </summary>
internal static class PushCommand
{
    public static async Task<int> RunAsync(Uri registry, string archivePath, LayerCompression compression, string repository, int chunkMiB)
    {
        var options = new RegistryOptions { Endpoint = registry, AttemptTimeout = TimeSpan.FromMinutes(2), ChunkSizeBytes = chunkMiB << 20 };
        var builder = new CheckpointImageBuilder(new RegistryClient(RegistryHttpClient.Create(options), options), new CheckpointImageOptions { Compression = compression });
        var clock = Stopwatch.StartNew();
        var file = ArchiveFile.OpenRead(archivePath);
        CheckpointImage image;
        await using (file.ConfigureAwait(false))
        {
            image = await builder.PushAsync(file, new CheckpointImageRequest(repository, "bench")).ConfigureAwait(false);
        }

        clock.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(
            $"result tool=interceptor compression={compression.ToString().ToLowerInvariant()} seconds={clock.Elapsed.TotalSeconds:0.000} " +
            $"archive_bytes={new FileInfo(archivePath).Length} layer_bytes={image.Layer.Size} peak_working_set_mb={self.PeakWorkingSet64 / (1024.0 * 1024):0.0} " +
            $"gc_heap_mb={GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024):0.0} allocated_mb={GC.GetTotalAllocatedBytes() / (1024.0 * 1024):0.0} digest={image.ManifestDigest}");
        return 0;
    }
}
