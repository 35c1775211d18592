namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// What a reported archive path must look like. The kubelet names it
/// <c>{checkpoints dir}/checkpoint-{pod}_{namespace}-{container}-{RFC3339 time}.tar</c>
/// (K-K <c>kubelet.go</c> <c>CheckpointContainer</c>, see <see cref="ArchiveFileName"/>), so the path must be directly inside the
/// configured directory, have no <c>.</c>/<c>..</c>/empty segment, and name this very container:
/// an archive of another container restored in its place would be silently wrong.
/// </summary>
internal static class ArchivePathRules
{
    private const int MaxPathLength = 4096;

    /// <summary>Null when the path is acceptable, otherwise what is wrong with it (completes "the reported archive ... ").</summary>
    public static string? Check(string path, ContainerRef container, string checkpointDirectory)
    {
        if (path.Length is 0 or > MaxPathLength || path.Any(char.IsControl))
        {
            return "is empty, too long or holds control characters";
        }

        if (path[0] != '/')
        {
            return "is not an absolute path";
        }

        if (path[1..].Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "has an empty, '.' or '..' segment";
        }

        var lastSlash = path.LastIndexOf('/');
        if (!string.Equals(path[..lastSlash], checkpointDirectory.TrimEnd('/'), StringComparison.Ordinal))
        {
            return $"is not directly inside the checkpoint directory {checkpointDirectory}";
        }

        return CheckFileName(path[(lastSlash + 1)..], container);
    }

    private static string? CheckFileName(string fileName, ContainerRef container) =>
        !fileName.EndsWith(".tar", StringComparison.Ordinal) ? "is not a .tar file"
        : ArchiveFileName.Match(fileName, container) == ArchiveNameMatch.None
            ? $"does not name this container (expected checkpoint-{container.Pod}_{container.Namespace}-{container.Container}-<RFC 3339 time>.tar)"
            : null;
}
