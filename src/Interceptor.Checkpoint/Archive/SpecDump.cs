using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The parts of spec.dump (the container's OCI runtime spec) the migration needs: annotations and
/// mounts. The rest (process, environment, which may hold secrets) is deliberately not kept.
/// </summary>
public sealed record SpecDump
{
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    public required IReadOnlyList<SpecMount> Mounts { get; init; }

    public static SpecDump Parse(ReadOnlySpan<byte> json)
    {
        var dto = MetadataJson.Deserialize<Json>(json, CheckpointArchiveFiles.SpecDump);
        var mounts = (dto.Mounts ?? []).Select(ToMount).ToList();
        return new SpecDump
        {
            Annotations = (dto.Annotations ?? []).ToFrozenDictionary(StringComparer.Ordinal),
            Mounts = mounts,
        };
    }

    private static SpecMount ToMount(MountJson? mount)
    {
        if (mount is null || string.IsNullOrEmpty(mount.Destination))
        {
            throw MetadataJson.Invalid(CheckpointArchiveFiles.SpecDump, "a mount has no destination");
        }

        return new SpecMount(mount.Destination, mount.Type, mount.Source, mount.Options ?? []);
    }

    private sealed class Json
    {
        [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
        [JsonPropertyName("mounts")] public List<MountJson?>? Mounts { get; init; }
    }

    private sealed class MountJson
    {
        [JsonPropertyName("destination")] public string? Destination { get; init; }
        [JsonPropertyName("type")] public string? Type { get; init; }
        [JsonPropertyName("source")] public string? Source { get; init; }
        [JsonPropertyName("options")] public List<string>? Options { get; init; }
    }
}
