namespace Interceptor.Tests.Support;

/// <summary>What came back on a raw connection: the statuses in order, and how the reading ended (complete, closed, timeout, reset).</summary>
public sealed record RawOutcome(IReadOnlyList<int> Statuses, string End)
{
    public override string ToString() => $"[{string.Join(", ", Statuses)}] {End}";
}
