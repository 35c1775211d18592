using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// The deterministic tag of one container's checkpoint in one migration attempt (STYLE lesson 6):
/// <c>{podUid}.{container}.{attempt}</c>. The same attempt always lands on the same tag, so a retry
/// after a crash finds or overwrites its own image and never leaves two. Dots cannot occur in a
/// container name (a DNS-1123 label) or a UID, so the parts stay apart.
/// </summary>
public static class CheckpointTags
{
    public static string For(CheckpointDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(destination.Attempt);
        var tag = $"{destination.PodUid}.{destination.Container}.{destination.Attempt}";
        return RegistryNames.IsTag(tag) && !destination.PodUid.Contains('.', StringComparison.Ordinal) && !destination.Container.Contains('.', StringComparison.Ordinal)
            ? tag
            : throw new ArgumentException($"Pod UID '{destination.PodUid}' and container '{destination.Container}' do not make an OCI tag.", nameof(destination));
    }
}
