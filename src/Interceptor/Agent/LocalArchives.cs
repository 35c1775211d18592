using System.Text.RegularExpressions;
using Interceptor.Checkpoint.Kubelet;

namespace Interceptor.Agent;

/// <summary>
/// The kubelet's checkpoint directory as the agent sees it (a hostPath mount, possibly at another path). The
/// kubelet never removes archives, and each holds a process's memory, so the agent removes every archive of a
/// container it handles: before a checkpoint (what a crashed run left) and after it, success or failure (the
/// one it used, and any an earlier retried request wrote).
/// </summary>
public sealed partial class LocalArchives(string kubeletDirectory, string localDirectory, ILogger<LocalArchives> logger)
{
    /// <summary>Where the agent reads an archive the kubelet reported (the client checked it is directly in the kubelet's directory).</summary>
    public string ToLocal(KubeletCheckpoint checkpoint) => Path.Combine(localDirectory, checkpoint.FileName);

    public string KubeletDirectory => kubeletDirectory;

    /// <summary>Deletes every archive of this container: <c>checkpoint-{pod}_{namespace}-{container}-{RFC 3339 time}.tar</c>.</summary>
    public int RemoveFor(ContainerRef container)
    {
        if (!Directory.Exists(localDirectory))
        {
            return 0;
        }

        var prefix = $"checkpoint-{container.Pod}_{container.Namespace}-{container.Container}-";
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(localDirectory, prefix + "*.tar"))
        {
            // The time must follow the prefix directly: container "app" must not take the archives of "app-sidecar".
            if (!Timestamp().IsMatch(Path.GetFileName(path)[prefix.Length..]))
            {
                continue;
            }

            try
            {
                File.Delete(path);
                removed++;
            }
            catch (IOException e)
            {
                logger.LogWarning("Could not remove checkpoint archive {Archive}: {Error}", Path.GetFileName(path), e.Message);
            }
        }

        return removed;
    }

    // Names are DNS labels (lower case): an upper-case 'T' after a date can only be the kubelet's timestamp.
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.+Z-]+\\.tar$")]
    private static partial Regex Timestamp();
}
