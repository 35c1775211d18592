namespace Interceptor.Simulator.Nodes;

/// <summary>
/// Where a simulated kubelet's runtime finds checkpoint images: the seam between the kubelet and an image store
/// (a registry later, <see cref="LocalCheckpointImages"/> in tests). When a pod's container image is a checkpoint
/// image, the container is restored from it instead of started cold.
/// </summary>
public interface ICheckpointImageSource
{
    /// <summary>
    /// The checkpoint archive (the kubelet's checkpoint-*.tar, the contents of the image's single layer) that
    /// <paramref name="imageReference"/> names, or null when the reference is an ordinary image. The caller disposes it.
    /// </summary>
    Task<Stream?> OpenAsync(string imageReference, CancellationToken cancellationToken);
}
