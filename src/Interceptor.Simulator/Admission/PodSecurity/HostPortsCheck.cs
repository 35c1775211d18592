using System.Globalization;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_hostPorts.go (baseline): no container port may set a hostPort other than 0.</summary>
internal static class HostPortsCheck
{
    public static readonly PodSecurityCheck Check = new("hostPorts", PodSecurityLevel.Baseline, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var containers = new List<string>();
        var ports = new List<string>();
        foreach (var container in pod.Containers)
        {
            var used = (container["ports"] as System.Text.Json.Nodes.JsonArray ?? []).Select(p => PodUnderReview.Long(p, "hostPort") ?? 0)
                .Where(p => p != 0).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
            if (used.Count > 0)
            {
                containers.Add(PodUnderReview.Name(container));
                ports.AddRange(used);
            }
        }
        if (containers.Count == 0)
        {
            return null;
        }
        // The ports are a sets.String: sorted as text, so "10000" comes before "8080".
        var distinct = Wording.SortedSet(ports);
        return new CheckResult("hostPort", $"{Wording.Containers(containers)} {Wording.Pluralize("uses", "use", containers.Count)} "
            + $"{Wording.Pluralize("hostPort", "hostPorts", distinct.Count)} {string.Join(", ", distinct)}");
    }
}
