using System.Text.Json.Serialization;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// config.dump: checkpointctl's ContainerConfig, written by CRI-O, containerd and Podman.
/// The rootfs fields differ by engine: CRI-O writes the user's image reference to
/// <see cref="RootfsImage"/> and the image ID to <see cref="RootfsImageRef"/>; containerd writes
/// the CRI image ref there.
/// </summary>
public sealed record ContainerConfigDump
{
    public required string Id { get; init; }

    /// <summary>The engine's container name (CRI-O: k8s_container_pod_namespace_uid_attempt).</summary>
    public required string Name { get; init; }

    /// <summary>The image as the user asked for it, often NAME@DIGEST.</summary>
    public string? RootfsImage { get; init; }

    public string? RootfsImageRef { get; init; }

    /// <summary>A name of the image, usually NAME:TAG.</summary>
    public string? RootfsImageName { get; init; }

    /// <summary>The OCI runtime or runtime handler (runc, crun, io.containerd.runc.v2).</summary>
    public string? Runtime { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    public DateTimeOffset? CheckpointedTime { get; init; }

    /// <summary>Null unless the container was itself restored from a checkpoint.</summary>
    public DateTimeOffset? RestoredTime { get; init; }

    public bool Restored { get; init; }

    public static ContainerConfigDump Parse(ReadOnlySpan<byte> json)
    {
        var dto = MetadataJson.Deserialize<Json>(json, CheckpointArchiveFiles.ConfigDump);
        if (string.IsNullOrEmpty(dto.Id))
        {
            throw MetadataJson.Invalid(CheckpointArchiveFiles.ConfigDump, "\"id\" is missing or empty");
        }

        return new ContainerConfigDump
        {
            Id = dto.Id,
            Name = dto.Name ?? "",
            RootfsImage = dto.RootfsImage,
            RootfsImageRef = dto.RootfsImageRef,
            RootfsImageName = dto.RootfsImageName,
            Runtime = dto.Runtime,
            CreatedTime = MetadataJson.GoTime(dto.CreatedTime),
            CheckpointedTime = MetadataJson.GoTime(dto.CheckpointedTime),
            RestoredTime = MetadataJson.GoTime(dto.RestoredTime),
            Restored = dto.Restored,
        };
    }

    // The wire shape, kept apart so the public record carries no serializer attributes.
    private sealed class Json
    {
        [JsonPropertyName("id")] public string? Id { get; init; }
        [JsonPropertyName("name")] public string? Name { get; init; }
        [JsonPropertyName("rootfsImage")] public string? RootfsImage { get; init; }
        [JsonPropertyName("rootfsImageRef")] public string? RootfsImageRef { get; init; }
        [JsonPropertyName("rootfsImageName")] public string? RootfsImageName { get; init; }
        [JsonPropertyName("runtime")] public string? Runtime { get; init; }
        [JsonPropertyName("createdTime")] public DateTimeOffset? CreatedTime { get; init; }
        [JsonPropertyName("checkpointedTime")] public DateTimeOffset? CheckpointedTime { get; init; }
        [JsonPropertyName("restoredTime")] public DateTimeOffset? RestoredTime { get; init; }
        [JsonPropertyName("restored")] public bool Restored { get; init; }
    }
}
