namespace Interceptor.Bench.Common;

/// <summary>The summaries benchmark reports take over rounds and samples.</summary>
public static class Statistics
{
    /// <summary>Median of the values that are numbers (NaN is skipped), NaN when there are none.</summary>
    public static double Median<T>(IEnumerable<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The value below which <paramref name="fraction"/> of the sorted samples lie (nearest rank), NaN for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
