using System.Globalization;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The <c>simulate</c> command's settings. Durations are written as kubectl writes them (<c>500ms</c>, <c>5s</c>,
/// <c>2m</c>). Pure: parsing and validation only, so a wrong argument is reported before anything starts.
/// </summary>
/// <param name="Nodes">Simulated nodes; the workload starts on the first, the drain's target.</param>
/// <param name="Pods">Opted-in pods on that node (Deployment, StatefulSet, two bare pods).</param>
/// <param name="Registry">A real OCI registry; null starts the embedded one.</param>
/// <param name="PickupTimeout">The interceptor's <c>Migration:PickupTimeout</c>: a PodMigration no controller
/// picked up within it counts as failed, so the pod's onFailure policy decides.</param>
/// <param name="RetryInterval">How long drain waits after a 429 (kubectl: a fixed 5 s).</param>
/// <param name="Timeout">The drain's <c>--timeout</c>.</param>
public sealed record SimulateSettings(int Nodes, int Pods, Uri? Registry, TimeSpan PickupTimeout, TimeSpan RetryInterval, TimeSpan Timeout)
{
    public const string Usage =
        "usage: Interceptor.Simulator simulate [--nodes N] [--pods M] [--registry URL] [--pickup-timeout 10s] [--retry-interval 1s] [--timeout 30s]";

    /// <summary>The interceptor's options validator refuses a shorter pickup timeout.</summary>
    public static readonly TimeSpan MinimumPickupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Two bare pods (one onFailure Evict, one Block), at least one Deployment and one StatefulSet pod.</summary>
    public const int MinimumPods = 4;

    public const int MaximumPods = 100;

    public const int MaximumNodes = 20;

    /// <summary>
    /// 3 nodes and 6 pods fit one screen. The 10 s pickup timeout (2 min in a cluster) is the interceptor's minimum;
    /// the 30 s drain timeout leaves room for it and then shows the Block pod holding the drain.
    /// </summary>
    public static SimulateSettings Default { get; } = new(3, 6, null, MinimumPickupTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <exception cref="ArgumentException">An unknown argument, a missing or malformed value, or one out of range.</exception>
    public static SimulateSettings Parse(IReadOnlyList<string> args)
    {
        var settings = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = SplitOption(args, ref i);
            settings = name switch
            {
                "--nodes" => settings with { Nodes = ParseCount(name, value, 2, MaximumNodes) },
                "--pods" => settings with { Pods = ParseCount(name, value, MinimumPods, MaximumPods) },
                "--registry" => settings with { Registry = ParseRegistry(value) },
                "--pickup-timeout" => settings with { PickupTimeout = ParseDuration(name, value, MinimumPickupTimeout) },
                "--retry-interval" => settings with { RetryInterval = ParseDuration(name, value, TimeSpan.FromMilliseconds(100)) },
                "--timeout" => settings with { Timeout = ParseDuration(name, value, TimeSpan.FromSeconds(1)) },
                _ => throw new ArgumentException($"unknown argument \"{name}\""),
            };
        }

        return settings;
    }

    /// <summary>Go's <c>time.Duration</c> form for the few units a drain needs: <c>1h</c>, <c>2m</c>, <c>5s</c>, <c>500ms</c>, and sums like <c>1m30s</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = text.AsSpan();
        if (rest.IsEmpty)
        {
            return false;
        }

        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            var unitLength = 0;
            while (digits + unitLength < rest.Length && char.IsAsciiLetter(rest[digits + unitLength]))
            {
                unitLength++;
            }

            if (digits == 0 || !long.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
            {
                return false;
            }

            TimeSpan? unit = rest.Slice(digits, unitLength) switch
            {
                "ms" => TimeSpan.FromMilliseconds(1),
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            duration += unit.Value * amount;
            rest = rest[(digits + unitLength)..];
        }

        return true;
    }

    /// <summary>A duration as Go prints it, as kubectl's messages show them: <c>5s</c>, <c>1.5s</c>, <c>500ms</c>, <c>1m0s</c>.</summary>
    public static string FormatDuration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms",
        { TotalMinutes: < 1 } => $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s",
        _ => $"{(int)duration.TotalMinutes}m{duration.Seconds}s",
    };

    private static (string Name, string Value) SplitOption(IReadOnlyList<string> args, ref int i)
    {
        var arg = args[i];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unknown argument \"{arg}\"");
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return (arg[..equals], arg[(equals + 1)..]);
        }

        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{arg} needs a value");
        }

        return (arg, args[++i]);
    }

    private static int ParseCount(string name, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum && count <= maximum
            ? count
            : throw new ArgumentException($"{name} needs a whole number from {minimum} to {maximum}, not \"{value}\"");

    private static Uri ParseRegistry(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"--registry needs an http(s) URL, not \"{value}\"");

    private static TimeSpan ParseDuration(string name, string value, TimeSpan minimum) =>
        TryParseDuration(value, out var duration) && duration >= minimum
            ? duration
            : throw new ArgumentException($"{name} needs a duration of at least {FormatDuration(minimum)} (written like 500ms, 30s or 1m30s), not \"{value}\"");
}
