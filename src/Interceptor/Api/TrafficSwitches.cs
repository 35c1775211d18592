namespace Interceptor.Api;

/// <summary>Values of <see cref="PodMigrationStatus.TrafficSwitch"/>.</summary>
public static class TrafficSwitches
{
    /// <summary>The source carries the interceptor.dev/serving readiness gate: Services drop it before the checkpoint.</summary>
    public const string ReadinessGate = "ReadinessGate";

    /// <summary>No gate (created before the install): it keeps receiving requests until it is gone.</summary>
    public const string None = "None";
}
