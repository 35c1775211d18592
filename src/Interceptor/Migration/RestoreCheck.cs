namespace Interceptor.Migration;

/// <summary>
/// The verdict of <see cref="RestoreVerification.Check"/>: the outcome, the container it is about (for a pod whose
/// containers all restored, every name, comma-separated) and what was seen, in words for a status message or Event.
/// </summary>
public sealed record RestoreCheck(RestoreCheckOutcome Outcome, string Container, string Message);
