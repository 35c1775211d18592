namespace Interceptor.Simulator.Nodes;

/// <summary>
/// One container as the simulated runtime created it: its ID, image, and the counter value its process starts
/// from (0 for a cold start, the checkpointed value for a restore). <see cref="CreateError"/> is set when the
/// runtime could not create it (an unreadable checkpoint image, or restore turned off): the container then never runs.
/// </summary>
/// <param name="Image">The image the pod spec names (for a restore, the checkpoint image).</param>
/// <param name="ImageId">What the runtime reports as ImageRef, which the kubelet publishes as status <c>imageID</c>.</param>
/// <param name="BaseImage">
/// For a restored container, the image the runtime created it from instead: config.dump's base image. Both CRI-O
/// (server/container_restore.go CRImportCheckpoint) and containerd 2.1 to 2.3 (container_checkpoint_linux.go: "show
/// the base image name in the metadata") swap it in, so the container status names it, not the checkpoint image.
/// </param>
internal sealed record ContainerRuntime(
    string Name,
    string Image,
    string ContainerId,
    string ImageId,
    long InitialCounter,
    bool Restored,
    string? CreateError = null,
    string? BaseImage = null)
{
    /// <summary>The image name the runtime reports once the container exists (CRI ContainerStatus.Image).</summary>
    public string RuntimeImage => BaseImage ?? Image;
}
