namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// One mount of the checkpointed container's OCI spec. A CRI-O restore requires every bind mount
/// here to be present again at the same destination, so the restored pod needs the same volumeMounts.
/// </summary>
public sealed record SpecMount(string Destination, string? Type, string? Source, IReadOnlyList<string> Options);
