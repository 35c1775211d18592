using System.Text.RegularExpressions;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// The name rules the API server enforces on the three path segments: a namespace and a container
/// name are DNS-1123 labels, a pod name is a DNS-1123 subdomain. Names that break them cannot name
/// a real container, so they are refused before a request is built: that keeps a caller's bug from
/// reaching the kubelet as a request to some other path.
/// </summary>
public static partial class KubeletNames
{
    private const int MaxLabelLength = 63;
    private const int MaxSubdomainLength = 253;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first segment that is not a valid name.</summary>
    public static void Validate(ContainerRef container)
    {
        ArgumentNullException.ThrowIfNull(container);
        RequireLabel(container.Namespace, "namespace");
        RequireSubdomain(container.Pod, "pod");
        RequireLabel(container.Container, "container");
    }

    public static bool IsLabel(string? name) =>
        name is { Length: > 0 and <= MaxLabelLength } && Label().IsMatch(name);

    public static bool IsSubdomain(string? name) =>
        name is { Length: > 0 and <= MaxSubdomainLength } && name.Split('.').All(IsLabel);

    private static void RequireLabel(string? name, string what)
    {
        if (!IsLabel(name))
        {
            throw new ArgumentException(
                $"The {what} name '{Shown(name)}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters).",
                "container");
        }
    }

    private static void RequireSubdomain(string? name, string what)
    {
        if (!IsSubdomain(name))
        {
            throw new ArgumentException(
                $"The {what} name '{Shown(name)}' is not a DNS-1123 subdomain (dot-separated labels, at most 253 characters).",
                "container");
        }
    }

    // A rejected name may be anything; keep the message short and free of control characters.
    private static string Shown(string? name) =>
        name is null ? "(null)" : KubeletText.Printable(name, 100);

    // \z rather than $: $ would accept a trailing newline.
    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
