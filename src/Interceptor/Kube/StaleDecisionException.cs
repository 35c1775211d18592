namespace Interceptor.Kube;

/// <summary>What a decision was made from changed underneath it: re-plan at once from a fresh read (not an error).</summary>
public sealed class StaleDecisionException(string message) : Exception(message);
