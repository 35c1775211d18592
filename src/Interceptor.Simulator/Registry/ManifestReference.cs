namespace Interceptor.Simulator.Registry;

/// <summary>A manifest's <c>&lt;reference&gt;</c>: a digest (it contains ':', which no tag may) or a tag.</summary>
internal readonly record struct ManifestReference(string? Tag, Digest? Digest)
{
    public static ManifestReference Parse(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return new ManifestReference(null, Registry.Digest.Parse(text));
        }

        return RegistryNames.IsValidTag(text) ? new ManifestReference(text, null) : throw RegistryErrors.TagInvalid(text);
    }

    public override string ToString() => Tag ?? Digest.ToString() ?? "";
}
