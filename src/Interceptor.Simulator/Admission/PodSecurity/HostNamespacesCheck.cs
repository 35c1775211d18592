namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_hostNamespaces.go (baseline): hostNetwork, hostPID and hostIPC must be unset or false.</summary>
internal static class HostNamespacesCheck
{
    public static readonly PodSecurityCheck Check = new("hostNamespaces", PodSecurityLevel.Baseline, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var set = new[] { "hostNetwork", "hostPID", "hostIPC" }
            .Where(field => PodUnderReview.Bool(pod.Spec, field) == true)
            .Select(field => field + "=true")
            .ToList();
        return set.Count == 0 ? null : new CheckResult("host namespaces", string.Join(", ", set));
    }
}
