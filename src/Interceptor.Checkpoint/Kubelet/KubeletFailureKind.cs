namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// How a kubelet checkpoint call failed: the whole taxonomy. Every failure carries exactly one kind,
/// classified in one place (<see cref="KubeletFailures"/>), so callers decide by kind, never by
/// message. "Transient" means a later call may succeed (<see cref="KubeletCheckpointException.IsTransient"/>);
/// "terminal" means it will not until someone changes something (RBAC, the feature gate, the runtime).
/// Which transient kinds the client itself retries is decided in <see cref="KubeletPipelines"/>.
/// </summary>
public enum KubeletFailureKind
{
    /// <summary>
    /// Terminal. 401: the kubelet did not accept the service-account token (or the token file could
    /// not be read). 403: the service account lacks RBAC <c>create</c> on <c>nodes/checkpoint</c>.
    /// </summary>
    Unauthorized,

    /// <summary>
    /// Terminal. 404: the pod or container is not on this node (gone, not started, wrong node), or the
    /// kubelet's <c>ContainerCheckpoint</c> feature gate is off: the kubelet answers both the same way.
    /// </summary>
    NotFound,

    /// <summary>
    /// 500: the kubelet reached the container runtime and the checkpoint failed ("checkpointing of
    /// ns/pod/ctr failed (...)"). Terminal when the runtime says it does not implement or support
    /// checkpointing (containerd before 2.0, CRI-O without CRIU support); transient otherwise (a CRIU
    /// dump can fail on a busy process and succeed later).
    /// </summary>
    RuntimeFailed,

    /// <summary>
    /// Transient, not retried by the client. No answer within the checkpoint timeout plus
    /// <see cref="KubeletClientOptions.TimeoutMargin"/>, a body that kept trickling past it, or a 504.
    /// The runtime may still be writing the archive.
    /// </summary>
    Timeout,

    /// <summary>
    /// Transient. The kubelet could not be reached or answered that it cannot serve now: connection
    /// refused or reset, 429, 502, 503.
    /// </summary>
    Unavailable,

    /// <summary>
    /// Terminal. The kubelet's serving certificate failed verification (against
    /// <see cref="KubeletClientOptions.CertificateAuthorityPath"/>, or the system roots when none is given).
    /// </summary>
    Untrusted,

    /// <summary>
    /// Terminal. The kubelet answered something the checkpoint API does not: a body that is not
    /// <c>{"items": [one path]}</c>, a path outside the checkpoint directory or not naming this
    /// container's <c>.tar</c>, a body over <see cref="KubeletClientOptions.MaxResponseBytes"/>,
    /// a redirect or an unexpected status.
    /// </summary>
    ProtocolError,
}
