namespace Interceptor.Checkpoint.Registry;

/// <summary>Where <see cref="Transfer.RegistryCheckpointTransfer"/> puts checkpoint images.</summary>
public sealed record RegistryTransferOptions
{
    /// <summary>One private repository for all checkpoints, e.g. <c>interceptor/checkpoints</c>: they hold process memory.</summary>
    public required string Repository { get; init; }

    /// <summary>
    /// The registry host[:port] as target nodes reach it, for the image reference; defaults to the
    /// client's endpoint host. They differ when the agent pushes through a node-local address.
    /// </summary>
    public string? ReferenceHost { get; init; }
}
