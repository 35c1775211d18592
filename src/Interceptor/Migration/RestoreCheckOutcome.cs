namespace Interceptor.Migration;

/// <summary>What the replacement pod's status says about one restore (docs/design/20261206-restore-verification.md).</summary>
public enum RestoreCheckOutcome
{
    /// <summary>The container does not exist or run yet (ContainerCreating, PodInitializing, no status): look again.</summary>
    NotYet,

    /// <summary>Running, and the runtime reports the base image instead of the checkpoint image: only a restore does that.</summary>
    Restored,

    /// <summary>Running from an image that is not the checkpoint, or the checkpoint image run as an ordinary image.</summary>
    ColdStart,

    /// <summary>The container could not be created or started, or it stopped or restarted; the message is the runtime's.</summary>
    Failed,

    /// <summary>Running, but the status carries nothing to tell a restore from a cold start (no repo digest in imageID).</summary>
    Unverifiable,
}
