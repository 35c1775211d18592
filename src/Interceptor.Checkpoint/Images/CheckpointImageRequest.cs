namespace Interceptor.Checkpoint.Images;

/// <summary>Where one checkpoint image goes, and what its archive must be of.</summary>
/// <param name="Repository">The repository in the registry, e.g. <c>interceptor/checkpoints</c>.</param>
/// <param name="Tag">The tag the manifest is pushed under.</param>
public sealed record CheckpointImageRequest(string Repository, string Tag)
{
    /// <summary>When set, the archive's container name must equal it: another container's checkpoint is refused.</summary>
    public string? ExpectedContainer { get; init; }

    /// <summary>When set and the archive names a pod UID, it must equal this one.</summary>
    public string? ExpectedPodUid { get; init; }
}
