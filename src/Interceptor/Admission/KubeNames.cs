using System.Text.RegularExpressions;

namespace Interceptor.Admission;

/// <summary>Kubernetes name rules (apimachinery validation: IsDNS1123Subdomain, IsDNS1123Label).</summary>
public static partial class KubeNames
{
    public static bool IsDnsSubdomain(string? value) => value is { Length: > 0 and <= 253 } && Subdomain().IsMatch(value);

    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
