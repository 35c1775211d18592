namespace Interceptor.Simulator.Validation;

/// <summary>
/// A ValidateNameFunc (apimachinery pkg/api/validation/generic.go): the messages for a name, or for a
/// generateName prefix, which may end in '-'.
/// </summary>
internal delegate IReadOnlyList<string> NameValidator(string name, bool prefix);

/// <summary>The name functions resources use (generic.go, pkg/api/validation/path).</summary>
internal static class NameValidators
{
    public static readonly NameValidator DnsSubdomain = (name, prefix) => DnsNames.Dns1123Subdomain(MaskTrailingDash(name, prefix));

    public static readonly NameValidator DnsLabel = (name, prefix) => DnsNames.Dns1123Label(MaskTrailingDash(name, prefix));

    public static readonly NameValidator Dns1035Label = (name, prefix) => DnsNames.Dns1035Label(MaskTrailingDash(name, prefix));

    /// <summary>path.ValidatePathSegmentName, RBAC's names: anything usable as one URL path segment.</summary>
    public static readonly NameValidator PathSegment = (name, prefix) =>
    {
        if (!prefix && name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }
        return new[] { "/", "%" }.Where(name.Contains).Select(bad => $"may not contain '{bad}'").ToList();
    };

    /// <summary>
    /// maskTrailingDash: a generateName's trailing '-' is allowed, checked as if the name went on. Upstream replaces
    /// the last two characters by "a", and so does this.
    /// </summary>
    private static string MaskTrailingDash(string name, bool prefix) =>
        prefix && name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;
}
