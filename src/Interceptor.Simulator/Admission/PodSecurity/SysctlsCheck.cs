namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_sysctls.go (baseline): only the namespaced, isolated sysctls of the newest allowed set
/// (sysctlsAllowedV1Dot32: the 1.0 set, ip_local_reserved_ports from 1.27, the TCP keepalive and fin_timeout
/// ones from 1.29, tcp_rmem and tcp_wmem from 1.32).
/// </summary>
internal static class SysctlsCheck
{
    public static readonly PodSecurityCheck Check = new("sysctls", PodSecurityLevel.Baseline, Evaluate);

    private static readonly HashSet<string> Allowed =
    [
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
    ];

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var bad = (pod.PodSecurityContext?["sysctls"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(s => Store.Meta.String(s, "name") ?? "")
            .Where(name => !Allowed.Contains(name))
            .ToList();
        return bad.Count == 0 ? null : new CheckResult("forbidden sysctls", string.Join(", ", bad));
    }
}
