namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Checkpoints one container through its node's kubelet (<c>POST /checkpoint/{ns}/{pod}/{container}</c>).
/// The container keeps running; the kubelet writes one archive per call.
/// </summary>
public interface IKubeletCheckpointClient
{
    /// <summary>
    /// Asks the kubelet to checkpoint <paramref name="container"/> within
    /// <paramref name="checkpointTimeout"/> (sent in whole seconds, rounded up) and returns the
    /// archive it wrote.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a valid Kubernetes name; nothing was sent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive or is absurdly long; nothing was sent.</exception>
    /// <exception cref="KubeletCheckpointException">The checkpoint failed; <see cref="KubeletCheckpointException.Kind"/> says how and <see cref="KubeletCheckpointException.IsTransient"/> whether trying again later can help.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; no retry follows.</exception>
    Task<KubeletCheckpoint> CheckpointAsync(ContainerRef container, TimeSpan checkpointTimeout, CancellationToken cancellationToken = default);
}
