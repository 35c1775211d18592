using System.Text.RegularExpressions;

namespace Interceptor.Checkpoint.Registry;

/// <summary>Repository names and tags as the OCI distribution spec allows them (spec.md "Pulling manifests").</summary>
public static partial class RegistryNames
{
    public static bool IsRepository(string? name) => name is { Length: > 0 and <= 255 } && RepositoryPattern().IsMatch(name);

    public static bool IsTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    public static string RequireRepository(string name, string parameter) =>
        IsRepository(name) ? name : throw new ArgumentException($"'{name}' is not an OCI repository name.", parameter);

    public static string RequireTag(string tag, string parameter) =>
        IsTag(tag) ? tag : throw new ArgumentException($"'{tag}' is not an OCI tag.", parameter);

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
