namespace Interceptor.Checkpoint.Archive;

/// <summary>The container engine that wrote a checkpoint. Restore needs the same family: the formats differ.</summary>
public enum CheckpointEngine
{
    CriO,
    Podman,
    Containerd,
}
