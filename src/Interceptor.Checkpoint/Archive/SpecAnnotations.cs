namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Annotation keys found in spec.dump, the container's OCI runtime spec, that tell which engine
/// wrote the checkpoint and which pod it came from. Sources: checkpointctl internal/container.go,
/// CRI-O pkg/annotations, containerd internal/cri/annotations.
/// </summary>
public static class SpecAnnotations
{
    /// <summary>The engine that created the container: "cri-o" or "libpod" (Podman). containerd does not set it.</summary>
    public const string ContainerManager = "io.container.manager";

    /// <summary>Value of <see cref="ContainerManager"/> for Podman.</summary>
    public const string ContainerManagerLibpod = "libpod";

    /// <summary>Value of <see cref="ContainerManager"/> for CRI-O.</summary>
    public const string ContainerManagerCriO = "cri-o";

    /// <summary>Prefix of CRI-O's own annotations (io.kubernetes.cri-o.ContainerName, ...).</summary>
    public const string CriOPrefix = "io.kubernetes.cri-o.";

    /// <summary>CRI-O: JSON of the CRI container metadata; its "name" is the container's name in the pod.</summary>
    public const string CriOMetadata = "io.kubernetes.cri-o.Metadata";

    /// <summary>Kubelet label CRI-O copies into the spec: pod name.</summary>
    public const string PodName = "io.kubernetes.pod.name";

    /// <summary>Kubelet label CRI-O copies into the spec: pod namespace.</summary>
    public const string PodNamespace = "io.kubernetes.pod.namespace";

    /// <summary>Kubelet label CRI-O copies into the spec: pod UID.</summary>
    public const string PodUid = "io.kubernetes.pod.uid";

    /// <summary>Kubelet label CRI-O copies into the spec: container name.</summary>
    public const string ContainerName = "io.kubernetes.container.name";

    /// <summary>Prefix of containerd's CRI annotations. Note the dot: CRI-O's prefix has "cri-o".</summary>
    public const string ContainerdPrefix = "io.kubernetes.cri.";

    /// <summary>containerd: container name in the pod.</summary>
    public const string ContainerdContainerName = "io.kubernetes.cri.container-name";

    /// <summary>containerd: pod (sandbox) name.</summary>
    public const string ContainerdSandboxName = "io.kubernetes.cri.sandbox-name";

    /// <summary>containerd: pod (sandbox) namespace.</summary>
    public const string ContainerdSandboxNamespace = "io.kubernetes.cri.sandbox-namespace";

    /// <summary>containerd: pod (sandbox) UID.</summary>
    public const string ContainerdSandboxUid = "io.kubernetes.cri.sandbox-uid";
}
