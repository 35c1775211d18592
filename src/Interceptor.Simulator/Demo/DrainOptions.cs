namespace Interceptor.Simulator.Demo;

/// <param name="RetryInterval">The wait after a 429; kubectl's is a fixed 5 s.</param>
/// <param name="Timeout">kubectl drain <c>--timeout</c>: the global deadline for every pod's eviction and deletion.</param>
/// <param name="DeletePollInterval">How often a pod's deletion is checked (kubectl: 1 s).</param>
public sealed record DrainOptions(TimeSpan RetryInterval, TimeSpan Timeout, TimeSpan DeletePollInterval);
