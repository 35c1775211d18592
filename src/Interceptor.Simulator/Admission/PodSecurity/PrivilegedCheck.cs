namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_privileged.go (baseline): no container may set securityContext.privileged=true.</summary>
internal static class PrivilegedCheck
{
    public static readonly PodSecurityCheck Check = new("privileged", PodSecurityLevel.Baseline, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var bad = pod.Containers
            .Where(c => PodUnderReview.Bool(PodUnderReview.SecurityContext(c), "privileged") == true)
            .Select(PodUnderReview.Name).ToList();
        return bad.Count == 0 ? null
            : new CheckResult("privileged", $"{Wording.Containers(bad)} must not set securityContext.privileged=true");
    }
}
