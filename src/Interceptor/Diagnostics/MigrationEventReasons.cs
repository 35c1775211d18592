namespace Interceptor.Diagnostics;

/// <summary>Reasons of the controller's Events on PodMigrations and pods (one per phase change, named for what happened).</summary>
public static class MigrationEventReasons
{
    public const string MigrationQueued = "MigrationQueued";
    public const string MigrationAdmitted = "MigrationAdmitted";
    public const string MigrationSlow = "MigrationSlow";
    public const string TargetSelected = "TargetSelected";
    public const string TrafficOff = "TrafficOff";
    public const string CheckpointRequested = "CheckpointRequested";
    public const string CheckpointsVerified = "CheckpointsVerified";
    public const string ReplacementCreated = "ReplacementCreated";
    public const string TrafficSwitched = "TrafficSwitched";
    public const string MigrationCommitted = "MigrationCommitted";
    public const string ReplacementAdopted = "ReplacementAdopted";
    public const string SourceDeleted = "SourceDeleted";
    public const string MigrationSucceeded = "MigrationSucceeded";
    public const string MigrationRollingBack = "MigrationRollingBack";
    public const string MigrationRolledBack = "MigrationRolledBack";
    public const string MigrationFailed = "MigrationFailed";
    public const string CheckpointsDeleted = "CheckpointsDeleted";
    public const string CheckpointsKept = "CheckpointsKept";
    public const string NotMigrated = "NotMigrated";

    /// <summary>A failed Block migration was deleted: its pod's evictions go through from now on (annotation interceptor.dev/release).</summary>
    public const string EvictionReleased = "EvictionReleased";
}
