using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Kubelet;

namespace Interceptor.Agent;

/// <summary>
/// The kubelet's checkpoint directory as the agent sees it (a hostPath mount, possibly at another path). The
/// kubelet never removes archives, and each holds a process's memory, so the agent removes every archive of a
/// container it handles: before a checkpoint (what a crashed run left) and after it, success or failure (the
/// one it used, and any an earlier retried request wrote). Never another container's: a name two containers
/// share (<see cref="ArchiveNameMatch.Ambiguous"/>) is removed only when the archive's own metadata names this one.
/// Clean-up never throws for the file system: it runs in a <c>finally</c> and must not replace the real error.
/// </summary>
public sealed class LocalArchives(string kubeletDirectory, string localDirectory, ILogger<LocalArchives> logger)
{
    /// <summary>Removes one file; a seam for tests of access errors, which root (the agent, and CI) never meets.</summary>
    internal Action<string> DeleteFile { get; init; } = File.Delete;

    /// <summary>Where the agent reads an archive the kubelet reported (the client checked it is directly in the kubelet's directory).</summary>
    public string ToLocal(KubeletCheckpoint checkpoint) => Path.Combine(localDirectory, checkpoint.FileName);

    public string KubeletDirectory => kubeletDirectory;

    /// <summary>
    /// Deletes every archive of this container: <c>checkpoint-{pod}_{namespace}-{container}-{RFC 3339 time}.tar</c>.
    /// <paramref name="reported"/>, the local path of the archive the kubelet reported for it, is removed by name alone.
    /// </summary>
    public int RemoveFor(ContainerRef container, string? reported = null)
    {
        var removed = 0;
        foreach (var path in Candidates(container))
        {
            removed += IsOf(path, container, reported) && TryDelete(path) ? 1 : 0;
        }

        return removed;
    }

    private string[] Candidates(ContainerRef container)
    {
        try
        {
            return Directory.Exists(localDirectory) ? Directory.GetFiles(localDirectory, $"checkpoint-{container.Pod}_*.tar") : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not list the checkpoint archives of {Container}: {Error}", container, e.Message);
            return [];
        }
    }

    private bool IsOf(string path, ContainerRef container, string? reported)
    {
        var match = ArchiveFileName.Match(Path.GetFileName(path), container);
        if (match != ArchiveNameMatch.Ambiguous || path == reported)
        {
            return match != ArchiveNameMatch.None;
        }

        var owner = CheckpointIdentity.TryRead(path);
        if (owner is not null && owner.PodName == container.Pod && owner.PodNamespace == container.Namespace && owner.ContainerName == container.Container)
        {
            return true;
        }

        logger.LogInformation(
            "Kept checkpoint archive {Archive}: its name is also another container's, and its metadata names {Owner}, not {Container}",
            Path.GetFileName(path), owner is null ? "nothing readable" : $"{owner.PodNamespace}/{owner.PodName}/{owner.ContainerName}", container);
        return false;
    }

    private bool TryDelete(string path)
    {
        try
        {
            DeleteFile(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove checkpoint archive {Archive}: {Error}", Path.GetFileName(path), e.Message);
            return false;
        }
    }
}
