using System.Globalization;
using System.Text.RegularExpressions;
using Interceptor.Checkpoint.Kubelet;

namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Where one container's checkpoint lives on the shared volume, derived only from its destination:
/// <c>{namespace}/{pod UID}/{container}/attempt-{n}/checkpoint.tar</c> and its <c>checkpoint.tar.sha256</c>.
/// The reference handed to the target is that path relative to the volume root, because each node may mount
/// the volume somewhere else. The attempt is a directory of its own so that the archive and its checksum are
/// committed together by one rename of that directory.
/// </summary>
public sealed partial record SharedVolumeLayout
{
    public const string ArchiveFileName = "checkpoint.tar";
    public const string ChecksumFileName = ArchiveFileName + ".sha256";
    private const string AttemptPrefix = "attempt-";

    private SharedVolumeLayout(string root, string @namespace, string podUid, string container, int attempt)
    {
        Root = root;
        Reference = string.Join('/', @namespace, podUid, container, AttemptPrefix + attempt.ToString(CultureInfo.InvariantCulture), ArchiveFileName);
        ContainerDirectory = Path.Combine(root, @namespace, podUid, container);
        AttemptName = AttemptPrefix + attempt.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The volume's mount point on this node.</summary>
    public string Root { get; }

    /// <summary>The archive's path relative to the volume root: what the status records and the target resolves.</summary>
    public string Reference { get; }

    /// <summary>Holds every attempt of one container, and the staging directories of attempts being written.</summary>
    public string ContainerDirectory { get; }

    /// <summary><c>attempt-{n}</c>: the name of the committed directory inside <see cref="ContainerDirectory"/>.</summary>
    public string AttemptName { get; }

    public string AttemptDirectory => Path.Combine(ContainerDirectory, AttemptName);

    public string ArchivePath => Path.Combine(AttemptDirectory, ArchiveFileName);

    public string ChecksumPath => Path.Combine(AttemptDirectory, ChecksumFileName);

    /// <summary>Names of this attempt's uncommitted directories start with this (dot: hidden, and never a valid attempt name).</summary>
    public string StagingPrefix => "." + AttemptName + ".staging-";

    /// <summary>A replaced copy is moved aside under this prefix before it is removed.</summary>
    public string ReplacedPrefix => "." + AttemptName + ".replaced-";

    /// <summary>The layout of <paramref name="destination"/>; names that could escape the volume are refused.</summary>
    /// <exception cref="ArgumentException">A segment is not a valid Kubernetes name or UID, or the attempt is below 1.</exception>
    public static SharedVolumeLayout For(string root, CheckpointDestination destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(destination);
        Require(KubeletNames.IsLabel(destination.Namespace), "namespace", destination.Namespace);
        Require(IsUid(destination.PodUid), "pod UID", destination.PodUid);
        Require(KubeletNames.IsLabel(destination.Container), "container", destination.Container);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Attempt, 1);
        return new SharedVolumeLayout(root, destination.Namespace, destination.PodUid, destination.Container, destination.Attempt);
    }

    /// <summary>
    /// Parses a reference read back from a PodMigration status (outside input): exactly the shape
    /// <see cref="For"/> produces, so it can never name a file outside the volume.
    /// </summary>
    public static SharedVolumeLayout? TryParse(string root, string? reference)
    {
        var match = reference is null ? null : ReferencePattern().Match(reference);
        if (match is not { Success: true }
            || !KubeletNames.IsLabel(match.Groups["ns"].Value)
            || !KubeletNames.IsLabel(match.Groups["container"].Value)
            || !int.TryParse(match.Groups["attempt"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            || attempt < 1)
        {
            return null;
        }

        return new SharedVolumeLayout(root, match.Groups["ns"].Value, match.Groups["uid"].Value, match.Groups["container"].Value, attempt);
    }

    /// <summary>Kubernetes UIDs are RFC 4122 UUIDs; anything shaped like a path segment trick is refused.</summary>
    private static bool IsUid(string? uid) => uid is not null && UidPattern().IsMatch(uid);

    private static void Require(bool valid, string what, string? value)
    {
        if (!valid)
        {
            throw new ArgumentException($"The {what} '{value}' cannot name a shared-volume checkpoint: it is not a valid Kubernetes {what}.", nameof(CheckpointDestination));
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,62})$")]
    private static partial Regex UidPattern();

    [GeneratedRegex("^(?<ns>[a-z0-9-]{1,63})/(?<uid>[a-z0-9][a-z0-9-]{0,62})/(?<container>[a-z0-9-]{1,63})/attempt-(?<attempt>[1-9][0-9]{0,8})/checkpoint\\.tar$")]
    private static partial Regex ReferencePattern();
}
