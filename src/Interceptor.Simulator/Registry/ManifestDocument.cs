using System.Text.Json;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// What the registry needs from a pushed manifest: its media type and the descriptors it must already hold
/// (config and layers of an image manifest; child manifests of an index). The <c>subject</c> is not among them:
/// the spec lets a referrer be pushed before its subject.
/// </summary>
internal sealed record ManifestDocument(string MediaType, IReadOnlyList<Digest> Blobs, IReadOnlyList<Digest> Manifests)
{
    /// <summary>
    /// Parses <paramref name="content"/> pushed with <paramref name="contentType"/> (parameters already stripped,
    /// null when absent). The body's <c>mediaType</c>, when present, must equal the Content-Type, as the spec
    /// requires of clients; otherwise a client could read back a manifest under a type it was not pushed as.
    /// </summary>
    public static ManifestDocument Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        using var json = Read(content);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
        {
            throw RegistryErrors.ManifestInvalid("not a JSON object with schemaVersion 2");
        }

        var bodyType = root.TryGetProperty("mediaType", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;
        if (bodyType is not null && contentType is not null && bodyType != contentType)
        {
            throw RegistryErrors.ManifestInvalid($"mediaType \"{bodyType}\" does not match Content-Type \"{contentType}\"");
        }

        var mediaType = contentType ?? bodyType ?? throw RegistryErrors.ManifestInvalid("no Content-Type and no mediaType");
        if (!ManifestMediaTypes.IsKnown(mediaType))
        {
            throw RegistryErrors.ManifestInvalid($"unsupported manifest media type \"{mediaType}\"");
        }

        if (ManifestMediaTypes.IsIndex(mediaType))
        {
            return new ManifestDocument(mediaType, [], Descriptors(root, "manifests", required: true));
        }

        if (!root.TryGetProperty("config", out var config))
        {
            throw RegistryErrors.ManifestInvalid("an image manifest needs a config descriptor");
        }

        return new ManifestDocument(mediaType, [DescriptorDigest(config), .. Descriptors(root, "layers", required: true)], []);
    }

    private static JsonDocument Read(ReadOnlySpan<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content);
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw RegistryErrors.ManifestInvalid("not JSON: " + e.Message);
        }
    }

    private static List<Digest> Descriptors(JsonElement root, string property, bool required)
    {
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return required ? throw RegistryErrors.ManifestInvalid($"\"{property}\" must be an array") : [];
        }

        return [.. list.EnumerateArray().Select(DescriptorDigest)];
    }

    private static Digest DescriptorDigest(JsonElement descriptor)
    {
        var text = descriptor.ValueKind == JsonValueKind.Object && descriptor.TryGetProperty("digest", out var digest)
            && digest.ValueKind == JsonValueKind.String ? digest.GetString() : null;
        return Digest.TryParse(text, out var parsed) ? parsed : throw RegistryErrors.ManifestInvalid($"descriptor digest \"{text}\" is invalid");
    }
}
