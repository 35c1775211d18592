namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/check_hostPathVolumes.go (baseline; restricted replaces it with restrictedVolumes): no hostPath volume.</summary>
internal static class HostPathVolumesCheck
{
    public const string Id = "hostPathVolumes";

    public static readonly PodSecurityCheck Check = new(Id, PodSecurityLevel.Baseline, Evaluate);

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var bad = pod.Volumes.Where(v => v["hostPath"] is not null).Select(PodUnderReview.Name).ToList();
        return bad.Count == 0 ? null
            : new CheckResult("hostPath volumes", $"{Wording.Pluralize("volume", "volumes", bad.Count)} {Wording.JoinQuote(bad)}");
    }
}
