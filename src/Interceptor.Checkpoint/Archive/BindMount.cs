using System.Text.Json.Serialization;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// One entry of bind.mounts (CRI-O). CRI-O records whether each external bind mount source was a
/// file or a directory, because CRIU cannot restore a file mount onto a directory and a missing
/// source would otherwise be created as a directory.
/// </summary>
public sealed record BindMount(string Source, string Destination, string FileType, uint Permissions)
{
    public bool IsFile => FileType == "file";

    public static IReadOnlyList<BindMount> ParseList(ReadOnlySpan<byte> json)
    {
        var items = MetadataJson.Deserialize<List<Json?>>(json, CheckpointArchiveFiles.BindMounts);
        return items.Select(ToBindMount).ToList();
    }

    private static BindMount ToBindMount(Json? item)
    {
        if (item is null || string.IsNullOrEmpty(item.Destination) || item.FileType is not ("file" or "directory"))
        {
            throw MetadataJson.Invalid(CheckpointArchiveFiles.BindMounts, "each item needs a destination and a file_type of \"file\" or \"directory\"");
        }

        return new BindMount(item.Source ?? "", item.Destination, item.FileType, item.Permissions);
    }

    private sealed class Json
    {
        [JsonPropertyName("source")] public string? Source { get; init; }
        [JsonPropertyName("destination")] public string? Destination { get; init; }
        [JsonPropertyName("file_type")] public string? FileType { get; init; }
        [JsonPropertyName("permissions")] public uint Permissions { get; init; }
    }
}
