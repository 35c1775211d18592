namespace Interceptor.Admission;

/// <summary>
/// Why an eviction was allowed or denied. A closed set: each value is a metrics label and a log field,
/// so keep it short and never build one from request data.
/// </summary>
public static class AdmissionReasons
{
    public const string PodNotFound = "PodNotFound";
    public const string NotOptedIn = "NotOptedIn";
    public const string PodTerminating = "PodTerminating";
    public const string PodNotRunning = "PodNotRunning";
    public const string StaticPod = "StaticPod";
    public const string DaemonSetPod = "DaemonSetPod";
    /// <summary>StatefulSet and Job pods: not migrated live yet, evicted normally with a Warning Event on the pod.</summary>
    public const string UnsupportedOwner = "UnsupportedOwner";
    public const string PreconditionMismatch = "PreconditionMismatch";
    public const string MigrationStarted = "MigrationStarted";
    public const string MigrationInProgress = "MigrationInProgress";
    public const string MigrationSucceeded = "MigrationSucceeded";
    public const string MigrationFailedEvict = "MigrationFailedEvict";
    public const string MigrationFailedBlock = "MigrationFailedBlock";

    /// <summary>
    /// An operator released a blocked eviction: the pod carries <see cref="Api.Annotations.Release"/>, or its failed
    /// PodMigration is being deleted. Evicted normally, without its state.
    /// </summary>
    public const string MigrationReleased = "MigrationReleased";

    /// <summary>The PodMigration never got a phase: no controller is working on it. Handled as a failure, by policy.</summary>
    public const string MigrationNotPickedUp = "MigrationNotPickedUp";

    /// <summary>Our own failure (API unreachable, timeout, a bug): the eviction is allowed so no drain wedges.</summary>
    public const string FailOpen = "FailOpen";
}
