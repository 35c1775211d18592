namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Names of the files a container engine puts in a checkpoint archive, as checkpointctl
/// (lib/metadata.go) and CRI-O (internal/lib/checkpoint.go) define them.
/// </summary>
public static class CheckpointArchiveFiles
{
    /// <summary>JSON container config: id, name, rootfs image, runtime, times. Required.</summary>
    public const string ConfigDump = "config.dump";

    /// <summary>The container's OCI runtime spec; its annotations name pod, namespace and container. Required.</summary>
    public const string SpecDump = "spec.dump";

    /// <summary>Directory of CRIU image files. Required.</summary>
    public const string CheckpointDirectory = "checkpoint";

    /// <summary>Files changed in the container's root file system, as a nested tar.</summary>
    public const string RootfsDiffTar = "rootfs-diff.tar";

    /// <summary>JSON array of root file system paths the container deleted.</summary>
    public const string DeletedFiles = "deleted.files";

    /// <summary>CRI-O only: JSON list of external bind mounts with their file types.</summary>
    public const string BindMounts = "bind.mounts";

    /// <summary>CRIU statistics.</summary>
    public const string StatsDump = "stats-dump";

    /// <summary>CRIU's log of the dump.</summary>
    public const string DumpLog = "dump.log";

    /// <summary>containerd only: the container's internal status file.</summary>
    public const string ContainerdStatus = "status";

    /// <summary>containerd only: the CRI container status as JSON.</summary>
    public const string StatusDump = "status.dump";

    /// <summary>Prefix of the CRIU images that hold memory pages.</summary>
    public const string PagesPrefix = "pages-";

    /// <summary>Suffix of every CRIU image file.</summary>
    public const string CriuImageSuffix = ".img";
}
