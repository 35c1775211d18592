namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// One check of policy/checks.go: its ID (messages are ordered by it), its level, the baseline checks it replaces
/// under restricted (OverrideCheckIDs), and the newest version of its CheckPod; null from it means allowed.
/// </summary>
internal sealed record PodSecurityCheck(string Id, PodSecurityLevel Level, Func<PodUnderReview, CheckResult?> Evaluate)
{
    public IReadOnlyList<string> Overrides { get; init; } = [];
}
