using System.Diagnostics;

namespace Interceptor.Bench.ApiServer;

/// <summary>Latency samples in milliseconds, from Stopwatch tick pairs; one instance per task, merged at the end.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public void Add(long begin, long end) => _milliseconds.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);

    /// <summary>Median and 99th percentile of all samples together.</summary>
    public static (double P50, double P99) Summarize(IEnumerable<Latencies> parts)
    {
        var sorted = parts.SelectMany(p => p._milliseconds).Order().ToArray();
        return (Statistics.Percentile(sorted, 0.50), Statistics.Percentile(sorted, 0.99));
    }
}
