using Interceptor.Checkpoint.Archive;

namespace Interceptor.Checkpoint.Images;

/// <summary>A pushed checkpoint image: what is in the registry, and what the archive was.</summary>
public sealed record CheckpointImage(
    string Repository,
    string Tag,
    string ManifestDigest,
    OciDescriptor Config,
    OciDescriptor Layer,
    IReadOnlyDictionary<string, string> Annotations,
    CheckpointArchive Archive)
{
    /// <summary>The reference a pod uses, pinned by digest: <c>host/repository@sha256:...</c>.</summary>
    public string Reference(string registryHost) => $"{registryHost}/{Repository}@{ManifestDigest}";
}
