using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Checkpoint.Archive;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// Writes a container checkpoint archive the way CRI-O does (internal/lib/checkpoint.go): <c>config.dump</c>,
/// <c>spec.dump</c> (the shapes of checkpointctl's CRI-O fixtures), <c>checkpoint/</c> with CRIU images whose pages
/// image holds the simulated process (<see cref="ProcessImage"/>), and <c>stats-dump</c>.
/// </summary>
internal static class CheckpointArchiveWriter
{
    /// <summary>Go's zero time, which CRI-O writes as restoredTime of a container that was never restored.</summary>
    private const string GoZeroTime = "0001-01-01T00:00:00Z";

    public static async Task WriteAsync(string path, CheckpointSnapshot snapshot, CancellationToken ct)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                await WriteFileAsync(tar, CheckpointArchiveFiles.ConfigDump, Json(ConfigDump(snapshot)), ct).ConfigureAwait(false);
                await WriteFileAsync(tar, CheckpointArchiveFiles.SpecDump, Json(SpecDump(snapshot)), ct).ConfigureAwait(false);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, CheckpointArchiveFiles.CheckpointDirectory + "/"), ct).ConfigureAwait(false);
                await WriteFileAsync(tar, "checkpoint/inventory.img", Encoding.ASCII.GetBytes("CRIU simulated inventory\n"), ct).ConfigureAwait(false);
                var pages = ProcessImage.Create(snapshot.Counter, snapshot.MemoryBytes, snapshot.RandomMemory);
                await using (pages.ConfigureAwait(false))
                {
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ProcessImage.PagesEntry) { DataStream = pages }, ct).ConfigureAwait(false);
                }
                await WriteFileAsync(tar, CheckpointArchiveFiles.StatsDump, Json(new JsonObject { ["dump"] = new JsonObject { ["pagesWritten"] = snapshot.MemoryBytes / 4096 } }), ct).ConfigureAwait(false);
            }
        }
    }

    private static JsonObject ConfigDump(CheckpointSnapshot s) => new()
    {
        ["id"] = s.Container.ContainerId["cri-o://".Length..],
        ["name"] = $"k8s_{s.Container.Name}_{s.Pod}_{s.Namespace}_{s.PodUid}_0",
        ["rootfsImage"] = s.Container.ImageId,
        ["rootfsImageRef"] = s.Container.ImageId[(s.Container.ImageId.LastIndexOf(':') + 1)..],
        // A restored container's base image, not the checkpoint image it came from: CRI-O reads these from the container,
        // which CRImportCheckpoint created from the base image.
        ["rootfsImageName"] = s.Container.RuntimeImage,
        ["runtime"] = "runc",
        ["createdTime"] = s.CreatedAt.UtcDateTime.ToString("O"),
        ["checkpointedTime"] = s.CheckpointedAt.UtcDateTime.ToString("O"),
        ["restoredTime"] = GoZeroTime,
        ["restored"] = s.Container.Restored,
    };

    private static JsonObject SpecDump(CheckpointSnapshot s) => new()
    {
        ["ociVersion"] = "1.0.2-dev",
        ["annotations"] = new JsonObject
        {
            [SpecAnnotations.ContainerManager] = SpecAnnotations.ContainerManagerCriO,
            [SpecAnnotations.ContainerName] = s.Container.Name,
            [SpecAnnotations.PodName] = s.Pod,
            [SpecAnnotations.PodNamespace] = s.Namespace,
            [SpecAnnotations.PodUid] = s.PodUid,
            [SpecAnnotations.CriOMetadata] = new JsonObject { ["name"] = s.Container.Name }.ToJsonString(),
            ["io.kubernetes.cri-o.ContainerID"] = s.Container.ContainerId["cri-o://".Length..],
        },
        ["mounts"] = new JsonArray(
            new JsonObject { ["destination"] = "/proc", ["type"] = "proc", ["source"] = "proc", ["options"] = new JsonArray("nosuid", "noexec", "nodev") },
            new JsonObject { ["destination"] = "/dev/termination-log", ["type"] = "bind", ["source"] = $"/var/lib/kubelet/pods/{s.PodUid}/containers/{s.Container.Name}/termination-log", ["options"] = new JsonArray("rw", "bind", "rprivate") }),
    };

    private static byte[] Json(JsonObject obj) => Encoding.UTF8.GetBytes(obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static async Task WriteFileAsync(TarWriter tar, string name, byte[] content, CancellationToken ct)
    {
        using var data = new MemoryStream(content, writable: false);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data }, ct).ConfigureAwait(false);
    }
}
