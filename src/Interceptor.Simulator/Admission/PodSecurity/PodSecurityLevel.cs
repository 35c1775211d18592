namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>The Pod Security Standards levels (pod-security-admission api/constants.go), least strict first.</summary>
internal enum PodSecurityLevel
{
    Privileged,
    Baseline,
    Restricted,
}
