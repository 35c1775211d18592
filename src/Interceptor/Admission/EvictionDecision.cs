namespace Interceptor.Admission;

/// <summary>
/// The outcome of the guard chain: a plain value computed before anything changes.
/// <see cref="Reason"/> is a bounded vocabulary (<see cref="AdmissionReasons"/>): it labels metrics and log lines.
/// </summary>
public abstract record EvictionDecision(string Reason, string Message)
{
    /// <summary>Whether the eviction goes through now.</summary>
    public abstract bool Allowed { get; }
}

/// <summary>Let the eviction through: the pod is not ours to migrate, or its migration is over.</summary>
public sealed record AllowEviction(string Reason, string Message) : EvictionDecision(Reason, Message)
{
    public override bool Allowed => true;
}

/// <summary>Answer 429: a migration is in progress, or a failed one blocks by policy. Nothing to create.</summary>
public sealed record DenyEviction(string Reason, string Message) : EvictionDecision(Reason, Message)
{
    public override bool Allowed => false;
}

/// <summary>Ensure a PodMigration for the pod exists (unless dry-run), then answer 429.</summary>
public sealed record StartMigration(string Reason, string Message) : EvictionDecision(Reason, Message)
{
    public override bool Allowed => false;
}
