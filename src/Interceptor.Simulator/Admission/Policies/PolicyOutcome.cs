namespace Interceptor.Simulator.Admission.Policies;

/// <summary>One failed validation (or a failed evaluation under failurePolicy Fail): its message and Status reason.</summary>
internal sealed record PolicyOutcome(string Message, string Reason);
