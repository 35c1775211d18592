namespace Interceptor.Checkpoint.Images;

/// <summary>
/// Every annotation key a checkpoint image carries, in one place (STYLE lesson 12, after
/// checkpointctl <c>internal/metadata/annotations.go</c>). They go on the image <em>manifest</em>:
/// that is where the runtimes look, and only when the manifest is
/// <c>application/vnd.oci.image.manifest.v1+json</c> (a Docker v2s2 manifest carries none).
/// Both families are written so one image restores on either runtime.
/// </summary>
public static class CheckpointAnnotations
{
    // CRI-O: internal/annotations/checkpoint.go (cri-o/cri-o). server/container_restore.go
    // checkIfCheckpointOCIImage treats an image as a checkpoint only when CheckpointName is present;
    // without it CRI-O starts the image as an ordinary (empty) container.

    /// <summary>CRI-O's marker that the image is a checkpoint: the container's name in the pod.</summary>
    public const string CriOName = "io.kubernetes.cri-o.annotations.checkpoint.name";

    /// <summary>CRI-O: the image as the user asked for it (config.dump <c>rootfsImage</c>).</summary>
    public const string CriORawImageName = "io.kubernetes.cri-o.annotations.checkpoint.rawImageName";

    /// <summary>CRI-O: the ID of the container's base image (CRI-O's config.dump <c>rootfsImageRef</c> is that ID).</summary>
    public const string CriORootfsImageId = "io.kubernetes.cri-o.annotations.checkpoint.rootfsImageID";

    /// <summary>CRI-O: the name of the container's base image (config.dump <c>rootfsImageName</c>).</summary>
    public const string CriORootfsImageName = "io.kubernetes.cri-o.annotations.checkpoint.rootfsImageName";

    // CRIU / checkpointctl: internal/metadata/annotations.go (checkpoint-restore/checkpointctl),
    // the keys `checkpointctl build` writes (internal/oci_image_build.go). containerd 2.1 to 2.3
    // recognised a checkpoint image by ContainerName (internal/cri/server/container_checkpoint_linux.go).

    /// <summary>The engine that wrote the archive: "cri-o", "containerd" or "podman".</summary>
    public const string EngineName = "org.criu.checkpoint.engine.name";

    /// <summary>containerd's marker that the image is a checkpoint: the container's name in the pod.</summary>
    public const string ContainerName = "org.criu.checkpoint.container.name";

    public const string PodName = "org.criu.checkpoint.pod.name";

    public const string PodNamespace = "org.criu.checkpoint.pod.namespace";

    /// <summary>The image as the user asked for it (config.dump <c>rootfsImage</c>).</summary>
    public const string RootfsImageUserRequested = "org.criu.checkpoint.rootfsImageUserRequested";

    public const string RootfsImageName = "org.criu.checkpoint.rootfsImageName";

    /// <summary>config.dump <c>rootfsImageRef</c>, as checkpointctl writes it.</summary>
    public const string RootfsImageId = "org.criu.checkpoint.rootfsImageID";

    /// <summary>The base image's manifest digest (sha256:...), when the archive pins one.</summary>
    public const string RootfsImageSha = "org.criu.checkpoint.rootfsImageSha";

    /// <summary>The OCI runtime that ran the container (runc, crun).</summary>
    public const string RuntimeName = "org.criu.checkpoint.runtime.name";

    /// <summary>The CPU architecture of the source node, for a compatibility check before restore.</summary>
    public const string HostArch = "org.criu.checkpoint.host.arch";
}
