namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_capabilities_baseline.go (baseline; restricted replaces it with capabilities_restricted): only the
/// container runtime's default capabilities may be added.
/// </summary>
internal static class CapabilitiesBaselineCheck
{
    public const string Id = "capabilities_baseline";

    public static readonly PodSecurityCheck Check = new(Id, PodSecurityLevel.Baseline, Evaluate);

    private static readonly HashSet<string> Defaults =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var containers = new List<string>();
        var added = new List<string>();
        foreach (var container in pod.Containers)
        {
            var beyond = Added(container).Where(c => !Defaults.Contains(c)).ToList();
            if (beyond.Count > 0)
            {
                containers.Add(PodUnderReview.Name(container));
                added.AddRange(beyond);
            }
        }
        return containers.Count == 0 ? null : new CheckResult("non-default capabilities",
            $"{Wording.Containers(containers)} must not include {Wording.JoinQuote(Wording.SortedSet(added))} in securityContext.capabilities.add");
    }

    public static IEnumerable<string> Added(System.Text.Json.Nodes.JsonObject container) =>
        PodUnderReview.Strings(PodUnderReview.SecurityContext(container)?["capabilities"], "add");
}
