using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// What a checkpoint is of: engine, pod, container, base image and times, combined from config.dump
/// and spec.dump the way checkpointctl does (internal/container.go), with the raw records kept.
/// </summary>
public sealed record CheckpointMetadata
{
    public required CheckpointEngine Engine { get; init; }

    /// <summary>The container's name in the pod (for Podman, the container's name).</summary>
    public required string ContainerName { get; init; }

    /// <summary>Null for Podman, which has no pod in the Kubernetes sense.</summary>
    public string? PodName { get; init; }

    public string? PodNamespace { get; init; }

    public string? PodUid { get; init; }

    /// <summary>The runtime's container ID.</summary>
    public required string ContainerId { get; init; }

    /// <summary>Base image as NAME:TAG.</summary>
    public string? RootfsImageName { get; init; }

    /// <summary>Raw config.dump rootfsImageRef (CRI-O: image ID; containerd: CRI image ref).</summary>
    public string? RootfsImageRef { get; init; }

    /// <summary>The DIGEST of a NAME@DIGEST reference in rootfsImage or rootfsImageRef, e.g. sha256:...; null when neither is pinned.</summary>
    public string? RootfsImageDigest { get; init; }

    public string? Runtime { get; init; }

    public DateTimeOffset? CheckpointedTime { get; init; }

    public required ContainerConfigDump Config { get; init; }

    public required SpecDump Spec { get; init; }

    /// <summary>Combines the two metadata files; throws <see cref="ArchiveRule.InvalidMetadata"/> when no engine can be told.</summary>
    public static CheckpointMetadata From(ContainerConfigDump config, SpecDump spec, bool hasContainerdStatusFile)
    {
        var engine = CheckpointEngineDetector.Detect(spec.Annotations, hasContainerdStatusFile)
            ?? throw MetadataJson.Invalid(CheckpointArchiveFiles.SpecDump, "no annotation identifies CRI-O, Podman or containerd");
        var (container, pod, podNamespace, podUid) = engine switch
        {
            CheckpointEngine.CriO => CriONames(spec.Annotations),
            CheckpointEngine.Containerd => ContainerdNames(spec.Annotations),
            _ => (null, null, null, null),
        };

        var containerName = NonEmpty(container) ?? NonEmpty(config.Name)
            ?? throw MetadataJson.Invalid(CheckpointArchiveFiles.SpecDump, "neither spec.dump nor config.dump names the container");
        IdentityNames.Verify(NonEmpty(container) is not null, containerName, NonEmpty(pod), NonEmpty(podNamespace), NonEmpty(podUid));
        return new CheckpointMetadata
        {
            Engine = engine,
            ContainerName = containerName,
            PodName = NonEmpty(pod),
            PodNamespace = NonEmpty(podNamespace),
            PodUid = NonEmpty(podUid),
            ContainerId = config.Id,
            RootfsImageName = config.RootfsImageName,
            RootfsImageRef = config.RootfsImageRef,
            RootfsImageDigest = DigestOf(config.RootfsImage) ?? DigestOf(config.RootfsImageRef),
            Runtime = config.Runtime,
            CheckpointedTime = config.CheckpointedTime,
            Config = config,
            Spec = spec,
        };
    }

    private static (string?, string?, string?, string?) CriONames(IReadOnlyDictionary<string, string> annotations)
    {
        // checkpointctl takes the name from the CRI metadata blob; the kubelet label is the fallback.
        var container = CriOMetadataName(annotations) ?? Get(annotations, SpecAnnotations.ContainerName);
        return (container, Get(annotations, SpecAnnotations.PodName), Get(annotations, SpecAnnotations.PodNamespace), Get(annotations, SpecAnnotations.PodUid));
    }

    private static (string?, string?, string?, string?) ContainerdNames(IReadOnlyDictionary<string, string> annotations) =>
        (Get(annotations, SpecAnnotations.ContainerdContainerName),
         Get(annotations, SpecAnnotations.ContainerdSandboxName),
         Get(annotations, SpecAnnotations.ContainerdSandboxNamespace),
         Get(annotations, SpecAnnotations.ContainerdSandboxUid));

    private static string? CriOMetadataName(IReadOnlyDictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(SpecAnnotations.CriOMetadata, out var blob))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CriOContainerMetadata>(blob)?.Name;
        }
        catch (JsonException ex)
        {
            throw MetadataJson.Invalid(CheckpointArchiveFiles.SpecDump, $"annotation {SpecAnnotations.CriOMetadata} is not JSON: {ex.Message}", ex);
        }
    }

    private static string? Get(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) ? value : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? DigestOf(string? reference)
    {
        var at = reference?.LastIndexOf('@') ?? -1;
        return at > 0 && reference!.IndexOf(':', at) > at + 1 ? reference[(at + 1)..] : null;
    }

    private sealed class CriOContainerMetadata
    {
        [JsonPropertyName("name")] public string? Name { get; init; }
    }
}
