namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_runAsNonRoot.go (restricted): runAsNonRoot=true on the pod or on every container, and false nowhere.
/// Not simulated: the relaxation for user-namespaced pods (hostUsers: false), off unless the server opts in.
/// </summary>
internal static class RunAsNonRootCheck
{
    public static readonly PodSecurityCheck Check = new("runAsNonRoot", PodSecurityLevel.Restricted, Evaluate);

    private const string Reason = "runAsNonRoot != true";

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var podValue = PodUnderReview.Bool(pod.PodSecurityContext, "runAsNonRoot");
        var containers = pod.Containers.Select(c => (Name: PodUnderReview.Name(c), Value: PodUnderReview.Bool(PodUnderReview.SecurityContext(c), "runAsNonRoot"))).ToList();
        var explicitlyBad = containers.Where(c => c.Value == false).Select(c => c.Name).ToList();
        var setters = Wording.Setters(podValue == false, explicitlyBad);
        if (setters.Count > 0)
        {
            return new CheckResult(Reason, $"{string.Join(" and ", setters)} must not set securityContext.runAsNonRoot=false");
        }
        var implicitlyBad = podValue == true ? [] : containers.Where(c => c.Value is null).Select(c => c.Name).ToList();
        return implicitlyBad.Count == 0 ? null
            : new CheckResult(Reason, $"pod or {Wording.Containers(implicitlyBad)} must set securityContext.runAsNonRoot=true");
    }
}
