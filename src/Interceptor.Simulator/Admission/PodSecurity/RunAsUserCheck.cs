namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_runAsUser.go (restricted): neither the pod nor a container sets runAsUser=0.</summary>
internal static class RunAsUserCheck
{
    public static readonly PodSecurityCheck Check = new("runAsUser", PodSecurityLevel.Restricted, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var containers = pod.Containers
            .Where(c => PodUnderReview.Long(PodUnderReview.SecurityContext(c), "runAsUser") == 0)
            .Select(PodUnderReview.Name).ToList();
        var setters = Wording.Setters(PodUnderReview.Long(pod.PodSecurityContext, "runAsUser") == 0, containers);
        return setters.Count == 0 ? null : new CheckResult("runAsUser=0", $"{string.Join(" and ", setters)} must not set runAsUser=0");
    }
}
