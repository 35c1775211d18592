using System.Globalization;
using System.Text.RegularExpressions;
using Interceptor.Api;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Migration;

/// <summary>
/// Checks a checkpoint reference the agent wrote into the PodMigration status before the controller restores from
/// it. The status is outside input: a stale attempt, a tag instead of a digest, or a path of another pod would
/// restore the wrong memory, so each shape is checked exactly.
/// </summary>
public static partial class CheckpointReferenceCheck
{
    /// <summary>Null when <paramref name="checkpoint"/> belongs to this pod and attempt and names an immutable checkpoint; otherwise why not.</summary>
    public static string? Problem(ContainerCheckpoint checkpoint, string podUid, int attempt) => Problem(checkpoint, podUid, attempt, null);

    /// <summary>As <see cref="Problem(ContainerCheckpoint, string, int)"/>, and a shared-volume path must also be in <paramref name="podNamespace"/>.</summary>
    public static string? Problem(ContainerCheckpoint checkpoint, string podUid, int attempt, string? podNamespace)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (string.IsNullOrEmpty(checkpoint.Container))
        {
            return "The checkpoint names no container.";
        }

        if (checkpoint.Attempt != attempt)
        {
            return $"The checkpoint of container '{checkpoint.Container}' belongs to attempt {Show(checkpoint.Attempt)}, not {attempt}.";
        }

        return checkpoint.Transport switch
        {
            RegistryCheckpointTransfer.TransportKind => RegistryProblem(checkpoint),
            SharedVolumeCheckpointTransfer.TransportKind => SharedVolumeProblem(checkpoint, podUid, attempt, podNamespace),
            _ => $"The checkpoint of container '{checkpoint.Container}' has the unknown transport '{checkpoint.Transport}'.",
        };
    }

    /// <summary>The tag the agent pushes this container's checkpoint under (<see cref="CheckpointTags"/>).</summary>
    public static string ExpectedTag(string podUid, string container, int attempt) =>
        CheckpointTags.For(new CheckpointDestination("", "", podUid, container, attempt));

    /// <summary>A tag can be moved; only a digest pins the bytes the agent pushed, and the recorded digest must be that one.</summary>
    private static string? RegistryProblem(ContainerCheckpoint checkpoint)
    {
        var container = checkpoint.Container;
        if (string.IsNullOrEmpty(checkpoint.Image) || string.IsNullOrEmpty(checkpoint.Reference))
        {
            return $"The registry checkpoint of container '{container}' lacks its image or its reference.";
        }

        if (checkpoint.Image != checkpoint.Reference)
        {
            return $"The registry checkpoint of container '{container}' has the image '{checkpoint.Image}' but the reference '{checkpoint.Reference}'.";
        }

        var match = PinnedPattern().Match(checkpoint.Reference);
        if (!match.Success)
        {
            return $"The registry checkpoint of container '{container}' is not pinned by a sha256 digest: '{checkpoint.Reference}'.";
        }

        var pinned = match.Groups["digest"].Value;
        return checkpoint.Digest == pinned && OciDigest.IsValid(checkpoint.Digest)
            ? null
            : $"The registry checkpoint of container '{container}' is pinned to {pinned} but records the digest '{checkpoint.Digest}'.";
    }

    /// <summary>Exactly the path <see cref="SharedVolumeLayout"/> makes for this pod UID, container and attempt: nothing else on the volume.</summary>
    private static string? SharedVolumeProblem(ContainerCheckpoint checkpoint, string podUid, int attempt, string? podNamespace)
    {
        var container = checkpoint.Container;
        var reference = checkpoint.Reference;
        if (SharedVolumeLayout.TryParse("/", reference) is null)
        {
            return $"The shared-volume checkpoint of container '{container}' has the reference '{reference}', not {{namespace}}/{{pod UID}}/{{container}}/attempt-{{n}}/{SharedVolumeLayout.ArchiveFileName}.";
        }

        // TryParse accepted exactly five segments of the layout, so splitting cannot be fooled.
        var segments = reference!.Split('/');
        var expected = new[] { podNamespace ?? segments[0], podUid, container, "attempt-" + attempt.ToString(CultureInfo.InvariantCulture), SharedVolumeLayout.ArchiveFileName };
        return segments.SequenceEqual(expected, StringComparer.Ordinal)
            ? null
            : $"The shared-volume checkpoint of container '{container}' is at '{reference}', not '{string.Join('/', expected)}'.";
    }

    private static string Show(int? attempt) => attempt?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    /// <summary><c>repository@sha256:{64 hex}</c>, optionally with a tag before the digest; nothing after it.</summary>
    [GeneratedRegex("^[^@\\s]+@(?<digest>sha256:[a-f0-9]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedPattern();
}
