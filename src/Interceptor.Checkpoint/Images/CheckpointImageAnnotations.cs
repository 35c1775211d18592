using Interceptor.Checkpoint.Archive;

namespace Interceptor.Checkpoint.Images;

/// <summary>
/// The manifest annotations of one checkpoint image, computed from the archive's metadata (pure).
/// Absent metadata leaves a key out rather than writing an empty value: CRI-O treats a present but
/// empty rootfs key as a name to resolve.
/// </summary>
public static class CheckpointImageAnnotations
{
    /// <param name="metadata">What the validated archive says it is.</param>
    /// <param name="hostArch">The source node's architecture in Go's spelling (amd64, arm64).</param>
    public static SortedDictionary<string, string> For(CheckpointMetadata metadata, string hostArch)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                annotations[key] = value;
            }
        }

        Put(CheckpointAnnotations.CriOName, metadata.ContainerName);
        Put(CheckpointAnnotations.CriORawImageName, metadata.Config.RootfsImage);
        Put(CheckpointAnnotations.CriORootfsImageId, metadata.RootfsImageRef);
        Put(CheckpointAnnotations.CriORootfsImageName, metadata.RootfsImageName);
        Put(CheckpointAnnotations.EngineName, EngineName(metadata.Engine));
        Put(CheckpointAnnotations.ContainerName, metadata.ContainerName);
        Put(CheckpointAnnotations.PodName, metadata.PodName);
        Put(CheckpointAnnotations.PodNamespace, metadata.PodNamespace);
        Put(CheckpointAnnotations.RootfsImageUserRequested, metadata.Config.RootfsImage);
        Put(CheckpointAnnotations.RootfsImageName, metadata.RootfsImageName);
        Put(CheckpointAnnotations.RootfsImageId, metadata.RootfsImageRef);
        // The digest comes from rootfsImage (NAME@DIGEST): CRI-O's rootfsImageRef is an image ID, not a digest.
        Put(CheckpointAnnotations.RootfsImageSha, metadata.RootfsImageDigest);
        Put(CheckpointAnnotations.RuntimeName, metadata.Runtime);
        Put(CheckpointAnnotations.HostArch, hostArch);
        return annotations;
    }

    /// <summary>The engine as checkpointctl names it (internal/container.go).</summary>
    public static string EngineName(CheckpointEngine engine) => engine switch
    {
        CheckpointEngine.CriO => "CRI-O",
        CheckpointEngine.Podman => "Podman",
        CheckpointEngine.Containerd => "containerd",
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "unknown checkpoint engine"),
    };
}
