namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_seccompProfile_restricted.go (restricted, overrides seccompProfile_baseline): the pod or every
/// container must set RuntimeDefault or Localhost; Windows pods are exempt (1.25+).
/// </summary>
internal static class SeccompProfileRestrictedCheck
{
    public static readonly PodSecurityCheck Check = new("seccompProfile_restricted", PodSecurityLevel.Restricted, Evaluate)
    {
        Overrides = [SeccompProfileBaselineCheck.Id],
    };

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        if (pod.IsWindows)
        {
            return null;
        }
        var profiles = SeccompProfiles.Of(pod);
        if (profiles.ExplicitlyBad() is { } bad)
        {
            return bad;
        }
        var implicitlyBad = SeccompProfiles.Valid(profiles.PodType) ? []
            : profiles.Containers.Where(c => c.Type is null).Select(c => c.Name).ToList();
        return implicitlyBad.Count == 0 ? null : new CheckResult("seccompProfile",
            $"pod or {Wording.Containers(implicitlyBad)} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
    }
}
