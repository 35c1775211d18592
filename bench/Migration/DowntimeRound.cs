namespace Interceptor.Bench.Migration;

/// <summary>One round of the downtime part: <see cref="Size"/> migrations at once, by the controller or by the direct script.</summary>
public sealed record DowntimeRound(
    string Kind, int Size, int Round, IReadOnlyList<ControllerSample> Controller, IReadOnlyList<DirectSample> Direct, int Failed, string? FirstError,
    double OthersCpuShare, double Seconds, ApiRequestCount Requests)
{
    public const string ControllerKind = "controller";
    public const string DirectKind = "baseline";

    /// <summary>Milliseconds per successful migration: status.downtimeSeconds for the controller, checkpoint call to seen Ready for the baseline.</summary>
    public IReadOnlyList<double> SortedMs { get; } = Kind == ControllerKind
        ? [.. Controller.Where(s => s.Succeeded).Select(s => s.DowntimeMs).Order()]
        : [.. Direct.Select(s => s.TotalMs).Order()];

    public double P50 => Statistics.Percentile(SortedMs, 0.50);

    public double P99 => Statistics.Percentile(SortedMs, 0.99);

    /// <summary>A round whose migrations did not all succeed says nothing reliable: the report calls it VOID.</summary>
    public bool IsVoid => Failed > 0 || SortedMs.Count != Size;
}
