namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_capabilities_restricted.go (restricted, overrides capabilities_baseline): every container drops
/// ALL and adds nothing but NET_BIND_SERVICE; Windows pods are exempt (1.25+).
/// </summary>
internal static class CapabilitiesRestrictedCheck
{
    public static readonly PodSecurityCheck Check = new("capabilities_restricted", PodSecurityLevel.Restricted, Evaluate)
    {
        Overrides = [CapabilitiesBaselineCheck.Id],
    };

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        if (pod.IsWindows)
        {
            return null;
        }
        var missingDropAll = new List<string>();
        var adding = new List<string>();
        var forbidden = new List<string>();
        foreach (var container in pod.Containers)
        {
            var capabilities = PodUnderReview.SecurityContext(container)?["capabilities"];
            if (!PodUnderReview.Strings(capabilities, "drop").Contains("ALL"))
            {
                missingDropAll.Add(PodUnderReview.Name(container));
            }
            var beyond = CapabilitiesBaselineCheck.Added(container).Where(c => c != "NET_BIND_SERVICE").ToList();
            if (beyond.Count > 0)
            {
                adding.Add(PodUnderReview.Name(container));
                forbidden.AddRange(beyond);
            }
        }
        var details = new List<string>();
        if (missingDropAll.Count > 0)
        {
            details.Add($"{Wording.Containers(missingDropAll)} must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (adding.Count > 0)
        {
            details.Add($"{Wording.Containers(adding)} must not include {Wording.JoinQuote(Wording.SortedSet(forbidden))} in securityContext.capabilities.add");
        }
        return details.Count == 0 ? null : new CheckResult("unrestricted capabilities", string.Join("; ", details));
    }
}
