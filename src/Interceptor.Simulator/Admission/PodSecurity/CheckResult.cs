namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>A failed check (policy/checks.go CheckResult with Allowed=false): the reason and its detail.</summary>
internal sealed record CheckResult(string Reason, string Detail);
