namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// A checkpoint the kubelet wrote. <paramref name="ArchivePath"/> is the path on the node, as the
/// kubelet reported it (inside <see cref="KubeletClientOptions.CheckpointDirectory"/>); an agent
/// that mounts that directory elsewhere maps it. <paramref name="Attempts"/> counts the requests
/// sent: above 1, an earlier attempt failed after reaching the kubelet and may have left an archive
/// behind, which the agent's cleanup of archives it did not use removes (the kubelet has no GC).
/// </summary>
public sealed record KubeletCheckpoint(ContainerRef Container, string ArchivePath, int Attempts)
{
    /// <summary>The archive's file name, e.g. <c>checkpoint-web-0_shop-app-2026-11-22T15:00:00Z.tar</c>.</summary>
    public string FileName => ArchivePath[(ArchivePath.LastIndexOf('/') + 1)..];
}
