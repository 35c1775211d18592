namespace Interceptor.Simulator.Nodes;

/// <summary>
/// How one simulated node and its kubelet behave. Defaults are short so integration tests run fast;
/// every duration is measured on the server's <see cref="FakeApiServerOptions.TimeProvider"/>.
/// </summary>
public sealed record SimulatedNodeOptions
{
    /// <summary>From the kubelet admitting a pod to its containers running (image pull, sandbox, start).</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Used instead of <see cref="StartDelay"/> when a container is restored from a checkpoint image.</summary>
    public TimeSpan RestoreDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>From the containers running to their readiness probes passing.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a process takes to exit after SIGTERM. Zero: it exits at once. Longer than the pod's grace
    /// period (or <see cref="Timeout.InfiniteTimeSpan"/>): it ignores SIGTERM and is killed when the grace period ends.
    /// </summary>
    public TimeSpan StopDuration { get; init; } = TimeSpan.Zero;

    /// <summary>The simulated process's counter goes up by one per this much running time.</summary>
    public TimeSpan CounterInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Bytes of process memory each container's checkpoint carries (the CRIU pages image).</summary>
    public long MemoryBytes { get; init; } = 1 << 20;

    /// <summary>Fill memory with random bytes (incompressible) instead of zeros (compressible).</summary>
    public bool RandomMemory { get; init; }

    /// <summary>Dump time per MiB of <see cref="MemoryBytes"/>; a checkpoint longer than the request's timeout fails with DeadlineExceeded.</summary>
    public TimeSpan CheckpointTimePerMiB { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>A failure every checkpoint on this node runs into.</summary>
    public CheckpointFault CheckpointFault { get; init; } = CheckpointFault.None;

    /// <summary>
    /// Whether the runtime restores from checkpoint images. <see cref="RestoreSupport.Enabled"/> by default so existing
    /// scenarios keep restoring; <see cref="RestoreSupport.CheckpointOnly"/> is what a CRI-O node ships with since 2026.
    /// </summary>
    public RestoreSupport RestoreSupport { get; init; } = RestoreSupport.Enabled;

    /// <summary>
    /// Whether the runtime reports a repository digest as ImageRef (status <c>imageID</c>), as CRI-O and containerd do for
    /// pulled images. False: only the bare local ID, as for an image loaded on the node; a restore cannot then be told from
    /// a cold start from the pod's status (docs/design/20261206-restore-verification.md).
    /// </summary>
    public bool ReportsRepoDigest { get; init; } = true;

    /// <summary>What happens to the node's pods while it is failed (<see cref="SimulatedNode.FailAsync"/>).</summary>
    public NodeFailurePodPolicy PodsOnFailure { get; init; } = NodeFailurePodPolicy.Keep;

    /// <summary>How often the kubelet renews the Ready condition's lastHeartbeatTime; null posts it only on changes.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>status.capacity (allocatable is the same: the simulated node reserves nothing).</summary>
    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "16Gi";

    public int MaxPods { get; init; } = 110;

    /// <summary>Labels besides the well-known ones (kubernetes.io/hostname, os, arch) the kubelet always sets.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StartDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RestoreDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadyDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CounterInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBytes, ProcessImage.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointTimePerMiB, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPods, 1);
        if (!Enum.IsDefined(RestoreSupport))
        {
            throw new ArgumentOutOfRangeException(nameof(RestoreSupport), RestoreSupport, "RestoreSupport is Enabled or CheckpointOnly.");
        }
        if (StopDuration < TimeSpan.Zero && StopDuration != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(StopDuration), "StopDuration is zero, positive or Timeout.InfiniteTimeSpan.");
        }
        if (HeartbeatInterval is { } heartbeat)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeat, TimeSpan.Zero);
        }
    }

    /// <summary>How long one checkpoint dump of a container takes on this node.</summary>
    internal TimeSpan CheckpointDuration => CheckpointTimePerMiB * ((double)MemoryBytes / (1 << 20));
}
