namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_allowPrivilegeEscalation.go (restricted): every container sets allowPrivilegeEscalation=false
/// (unset counts as true); Windows pods are exempt (1.25+).
/// </summary>
internal static class AllowPrivilegeEscalationCheck
{
    public static readonly PodSecurityCheck Check = new("allowPrivilegeEscalation", PodSecurityLevel.Restricted, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var bad = pod.IsWindows ? [] : pod.Containers
            .Where(c => PodUnderReview.Bool(PodUnderReview.SecurityContext(c), "allowPrivilegeEscalation") != false)
            .Select(PodUnderReview.Name).ToList();
        return bad.Count == 0 ? null : new CheckResult("allowPrivilegeEscalation != false",
            $"{Wording.Containers(bad)} must set securityContext.allowPrivilegeEscalation=false");
    }
}
