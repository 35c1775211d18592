namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_procMount.go (baseline): securityContext.procMount unset or "Default".</summary>
internal static class ProcMountCheck
{
    public static readonly PodSecurityCheck Check = new("procMount", PodSecurityLevel.Baseline, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var bad = pod.Containers
            .Select(c => (Name: PodUnderReview.Name(c), Mount: Store.Meta.String(PodUnderReview.SecurityContext(c), "procMount")))
            .Where(c => c.Mount is not null and not "Default")
            .ToList();
        return bad.Count == 0 ? null
            : new CheckResult("procMount", $"{Wording.Containers([.. bad.Select(c => c.Name)])} must not set securityContext.procMount to "
                + Wording.JoinQuote(Wording.SortedSet(bad.Select(c => c.Mount!))));
    }
}
