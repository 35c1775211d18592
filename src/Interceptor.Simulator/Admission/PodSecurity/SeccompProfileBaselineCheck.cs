namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_seccompProfile_baseline.go (baseline, 1.19+ fields; restricted replaces it): a seccomp profile,
/// where set, is RuntimeDefault or Localhost (Unconfined is refused).
/// </summary>
internal static class SeccompProfileBaselineCheck
{
    public const string Id = "seccompProfile_baseline";

    public static readonly PodSecurityCheck Check = new(Id, PodSecurityLevel.Baseline, pod => SeccompProfiles.Of(pod).ExplicitlyBad());
}
