namespace Interceptor.Bench.ApiServer;

/// <summary>
/// One run of one scenario against one target. <see cref="Operations"/> are requests (updates for a watch run,
/// pods for node start-up); <see cref="Objects"/> are the objects they carried (list items, watch events delivered).
/// Latencies in milliseconds.
/// </summary>
public sealed record ApiRunResult(
    string Transport,
    string Target,
    string Scenario,
    int Workers,
    int Round,
    long Operations,
    long Objects,
    double Seconds,
    double P50,
    double P99,
    long Errors,
    string? FirstError,
    double CpuMicrosecondsPerOperation,
    double OthersCpuShare)
{
    public double OperationsPerSecond => Seconds > 0 ? Operations / Seconds : 0;

    public double ObjectsPerSecond => Seconds > 0 ? Objects / Seconds : 0;

    /// <summary>A run with a failed or wrong answer, or none at all, measured something else: it does not count.</summary>
    public bool IsVoid => Errors > 0 || Operations == 0;

    /// <summary>This process's CPU per operation and the share of the machine others took, between two snapshots.</summary>
    public static (double CpuMicrosecondsPerOperation, double OthersCpuShare) Cpu(CpuSnapshot from, CpuSnapshot to, long operations)
    {
        var cpu = (to.ProcessCpu - from.ProcessCpu).TotalMicroseconds;
        var others = Math.Max(0, CpuSnapshot.MachineShare(from, to) - CpuSnapshot.ProcessShare(from, to));
        return (operations > 0 ? cpu / operations : double.NaN, others);
    }
}
