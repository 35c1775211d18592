using System.Globalization;

namespace Interceptor.Bench.Migration;

/// <summary>
/// The controller settings a part runs with. Only the timings the benchmark may tune (PollInterval, ResyncInterval) and
/// the concurrency limits the part is about are set; the rest is as shipped, apart from LiveMigrationCluster's short
/// leader-election timings (they matter only at start).
/// </summary>
public static class ControllerSettings
{
    public static IReadOnlyDictionary<string, string?> For(MigrationBenchOptions options, int perNode, int inCluster) => new Dictionary<string, string?>
    {
        ["Interceptor:Controller:PollInterval"] = Format(options.PollInterval),
        ["Interceptor:Controller:ResyncInterval"] = Format(options.ResyncInterval),
        ["Interceptor:Controller:MaxConcurrentPerNode"] = perNode.ToString(CultureInfo.InvariantCulture),
        ["Interceptor:Controller:MaxConcurrentInCluster"] = inCluster.ToString(CultureInfo.InvariantCulture),
    };

    private static string Format(TimeSpan time) => time.ToString("c", CultureInfo.InvariantCulture);
}
