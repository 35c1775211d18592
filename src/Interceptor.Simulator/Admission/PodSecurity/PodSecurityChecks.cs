namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/registry.go for the newest version: baseline runs the baseline checks; restricted runs every check but the
/// baseline ones a restricted check overrides. Results come in upstream's order, baseline IDs sorted, then restricted
/// IDs sorted (byte order), because messages are compared as text.
/// </summary>
/// <remarks>
/// Not simulated: hostProbesAndHostLifecycle (1.34+), windowsHostProcess, the pre-1.19 seccomp annotations, older
/// policy versions (every <c>-version</c> label is evaluated as latest), and the user-namespace relaxations.
/// </remarks>
internal static class PodSecurityChecks
{
    private static readonly PodSecurityCheck[] All =
    [
        AppArmorProfileCheck.Check, CapabilitiesBaselineCheck.Check, HostNamespacesCheck.Check, HostPathVolumesCheck.Check,
        HostPortsCheck.Check, PrivilegedCheck.Check, ProcMountCheck.Check, SeLinuxOptionsCheck.Check,
        SeccompProfileBaselineCheck.Check, SysctlsCheck.Check,
        AllowPrivilegeEscalationCheck.Check, CapabilitiesRestrictedCheck.Check, RestrictedVolumesCheck.Check,
        RunAsNonRootCheck.Check, RunAsUserCheck.Check, SeccompProfileRestrictedCheck.Check,
    ];

    private static readonly IReadOnlyList<PodSecurityCheck> Baseline = Ordered(All.Where(c => c.Level == PodSecurityLevel.Baseline));

    private static readonly IReadOnlyList<PodSecurityCheck> Restricted = Ordered(All.Where(c =>
        !All.Any(r => r.Level == PodSecurityLevel.Restricted && r.Overrides.Contains(c.Id))));

    /// <summary>The failed checks for <paramref name="level"/>, in message order; empty when the pod is allowed.</summary>
    public static List<CheckResult> Evaluate(PodSecurityLevel level, PodUnderReview pod) => level switch
    {
        PodSecurityLevel.Baseline => Run(Baseline, pod),
        PodSecurityLevel.Restricted => Run(Restricted, pod),
        _ => [],
    };

    /// <summary>policy/checks.go AggregateCheckResult.ForbiddenDetail: <c>reason (detail), reason (detail)</c>.</summary>
    public static string ForbiddenDetail(IEnumerable<CheckResult> failures) =>
        string.Join(", ", failures.Select(f => f.Detail.Length == 0 ? f.Reason : $"{f.Reason} ({f.Detail})"));

    private static List<CheckResult> Run(IReadOnlyList<PodSecurityCheck> checks, PodUnderReview pod) =>
        [.. checks.Select(c => c.Evaluate(pod)).OfType<CheckResult>()];

    private static PodSecurityCheck[] Ordered(IEnumerable<PodSecurityCheck> checks) =>
        [.. checks.OrderBy(c => c.Level).ThenBy(c => c.Id, StringComparer.Ordinal)];
}
