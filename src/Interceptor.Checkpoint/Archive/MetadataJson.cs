using System.Text.Json;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Shared JSON handling for the metadata files. Keys match case-insensitively because the writers
/// are Go programs and Go's encoding/json reads them that way; duplicate keys are refused because
/// a reader that keeps the first and one that keeps the last would see different containers.
/// </summary>
internal static class MetadataJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
    };

    /// <summary>Deserializes <paramref name="json"/> or throws <see cref="ArchiveRule.InvalidMetadata"/> naming <paramref name="fileName"/>.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> json, string fileName)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw Invalid(fileName, "the document is JSON null");
        }
        catch (JsonException ex)
        {
            throw Invalid(fileName, $"not valid JSON for this file: {ex.Message}", ex);
        }
    }

    public static CheckpointArchiveException Invalid(string fileName, string detail, Exception? inner = null) =>
        new(ArchiveRule.InvalidMetadata, fileName, detail, inner);

    /// <summary>Go's zero time.Time ("0001-01-01T00:00:00Z") means "never"; report it as null.</summary>
    public static DateTimeOffset? GoTime(DateTimeOffset? value) =>
        value is { } time && time.Year == 1 ? null : value;
}
