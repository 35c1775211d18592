namespace Interceptor.Simulator.Nodes;

/// <summary>
/// Whether a simulated node's runtime restores containers from checkpoint images. Capability is a per-node fact
/// (DESIGN.md §4): CRI-O ships <c>[crio.checkpoint_restore] container_level_enabled = "checkpoint_only"</c> since
/// Aug/Sep 2026 (cri-o/cri-o#10251) and containerd 2.2.7/2.3.4 need <c>enable_experimental_restore_via_create</c>.
/// </summary>
public enum RestoreSupport
{
    /// <summary>CRI-O <c>checkpoint_restore</c>: a checkpoint image is restored (CRImportCheckpoint).</summary>
    Enabled,

    /// <summary>
    /// CRI-O <c>checkpoint_only</c>: the kubelet checkpoint API works but a checkpoint image is created as an ordinary
    /// image (server/container_create.go skips the checkpoint test when RestoreContainerEnabled() is false). Its
    /// config has no entrypoint, so the container never runs: CreateContainerError.
    /// </summary>
    CheckpointOnly,
}
