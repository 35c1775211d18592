namespace Interceptor.Simulator.Demo;

/// <param name="Errors">kubectl's per-pod errors, such as <c>global timeout reached</c>; none means drained.</param>
public sealed record DrainResult(IReadOnlyList<string> Errors, TimeSpan Elapsed)
{
    public bool Drained => Errors.Count == 0;
}
