using System.Globalization;
using System.Text.RegularExpressions;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// The kubelet's archive file name, <c>checkpoint-{pod}_{namespace}-{container}-{time}.tar</c>: kubelet.go
/// <c>CheckpointContainer</c> formats <c>"checkpoint-%s-%s-%s.tar"</c> with the pod's full name
/// (<c>kubecontainer.GetPodFullName</c>: <c>{name}_{namespace}</c>), the container name and
/// <c>time.Now().Format(time.RFC3339)</c>. The pod is delimited exactly (no Kubernetes name holds '_') and
/// the time has a fixed shape, but '-' joins namespace and container, both DNS labels that may hold '-',
/// so a name can be two containers' (<see cref="ArchiveNameMatch.Ambiguous"/>).
/// </summary>
public static partial class ArchiveFileName
{
    private const string Prefix = "checkpoint-";
    private const string Suffix = ".tar";

    /// <summary>Whether <paramref name="fileName"/> (no directory) is an archive of <paramref name="container"/>, and whether only of it.</summary>
    public static ArchiveNameMatch Match(string fileName, ContainerRef container)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(container);
        var head = $"{Prefix}{container.Pod}_{container.Namespace}-{container.Container}-";
        if (!fileName.StartsWith(head, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal)
            || !IsTimestamp(fileName[head.Length..^Suffix.Length]))
        {
            return ArchiveNameMatch.None;
        }

        return HasOtherSplit($"{container.Namespace}-{container.Container}", container.Namespace)
            ? ArchiveNameMatch.Ambiguous
            : ArchiveNameMatch.Exact;
    }

    /// <summary>
    /// Go's RFC 3339 layout ("2006-01-02T15:04:05Z07:00"); fractional seconds, which Go's parser accepts,
    /// are allowed too. The calendar values must be real: a container name cannot pass for a time.
    /// </summary>
    public static bool IsTimestamp(string text) =>
        Rfc3339().IsMatch(text)
        && DateTime.TryParseExact(text[..19], "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // Every other '-' of "{namespace}-{container}" that leaves two valid labels is another pair with the same name.
    private static bool HasOtherSplit(string joined, string ownNamespace)
    {
        for (var dash = joined.IndexOf('-'); dash >= 0; dash = joined.IndexOf('-', dash + 1))
        {
            var ns = joined[..dash];
            if (ns != ownNamespace && KubeletNames.IsLabel(ns) && KubeletNames.IsLabel(joined[(dash + 1)..]))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
