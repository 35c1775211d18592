namespace Interceptor.Api;

/// <summary>
/// The phases of DESIGN.md section 4. Strings on the wire (the CRD enumerates them); helpers say which are final.
/// </summary>
public static class MigrationPhases
{
    public const string Pending = "Pending";
    public const string Preparing = "Preparing";
    public const string Checkpointing = "Checkpointing";
    public const string Transferring = "Transferring";
    public const string Restoring = "Restoring";
    public const string Committing = "Committing";
    public const string Succeeded = "Succeeded";
    public const string SucceededWithoutRestore = "SucceededWithoutRestore";
    public const string RollingBack = "RollingBack";
    public const string RolledBack = "RolledBack";
    public const string Failed = "Failed";

    /// <summary>The workload now runs on the target (restored or cold): the source is being removed.</summary>
    public static bool IsSuccess(string? phase) => phase is Succeeded or SucceededWithoutRestore;

    /// <summary>The migration gave up: the source pod is still the workload and the failure policy decides.</summary>
    public static bool IsFailure(string? phase) => phase is RolledBack or Failed;

    /// <summary>No phase yet (just created) counts as in progress: the controller has not picked it up.</summary>
    public static bool IsInProgress(string? phase) => !IsSuccess(phase) && !IsFailure(phase);
}
