using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Registry;

/// <summary>The spec's grammar for repository names and tags, checked before anything touches storage.</summary>
internal static partial class RegistryNames
{
    /// <summary>
    /// Clients cap <c>host[:port]/name</c> at 255 characters (the spec's implementer note), so a longer name
    /// could be stored but never pulled: refuse it up front.
    /// </summary>
    public const int MaxNameLength = 255;

    public static bool IsValidName(string name) => name.Length <= MaxNameLength && Name().IsMatch(name);

    public static bool IsValidTag(string tag) => Tag().IsMatch(tag);

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
