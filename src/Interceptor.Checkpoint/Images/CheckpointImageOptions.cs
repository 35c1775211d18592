using Interceptor.Checkpoint.Archive;

namespace Interceptor.Checkpoint.Images;

/// <summary>How checkpoint images are built.</summary>
public sealed record CheckpointImageOptions
{
    /// <summary>zstd unless told otherwise: see <see cref="LayerCompression"/> for the measurement behind it.</summary>
    public LayerCompression Compression { get; init; } = LayerCompression.Zstd;

    /// <summary>The architecture written into the image config and annotations; the node that checkpointed.</summary>
    public string Architecture { get; init; } = GoArchitecture.Current;

    /// <summary>The limits the archive is validated against.</summary>
    public ArchiveRules Rules { get; init; } = ArchiveRules.Default;
}
