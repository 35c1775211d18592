namespace Interceptor.Bench.ApiServer;

/// <summary>Command-line settings of one run (see <c>bench/apiserver.sh --help</c>).</summary>
public sealed record ApiBenchOptions
{
    public int Rounds { get; init; } = 3;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Pods in the large list namespace; the small list, and each selector, holds a tenth of them.</summary>
    public int Objects { get; init; } = 10_000;

    /// <summary>Pods bound to the simulated nodes in the node start-up run.</summary>
    public int NodePods { get; init; } = 1_000;

    public IReadOnlyList<bool> Https { get; init; } = [false, true];

    public string RepoRoot { get; init; } = "";

    public string Revision { get; init; } = "unknown";

    public string ResultsFile { get; init; } = "";

    public int SmallList => Math.Max(1, Objects / BenchPods.Groups);

    public static readonly string Usage =
        """
        Interceptor.Bench.ApiServer: throughput of the fake API server (src/Interceptor.Simulator) with the real
        KubernetesClient, against a bare Kestrel endpoint replaying the same bytes, interleaved round by round.

          --rounds N                interleaved rounds                       (default 3)
          --duration SECONDS        measured time per run                    (default 2)
          --warmup SECONDS          unmeasured time before each run          (default 0.5)
          --objects N               pods in the large list (small: N/10)     (default 10000)
          --node-pods N             pods bound to 10 simulated nodes         (default 1000)
          --transports LIST         http, https or http,https                (default http,https)
        """ + CommandLine.SharedUsage("apiserver");

    /// <returns>The options, or null after writing the problem to <paramref name="error"/>.</returns>
    public static ApiBenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (CommandLine.ParseOptions(args, new ApiBenchOptions(), Apply, error, Usage) is not { } options)
        {
            return null;
        }

        return CommandLine.ResolvePaths(options.RepoRoot, options.ResultsFile, "apiserver", error) is { } paths
            ? options with { RepoRoot = paths.Root, ResultsFile = paths.Results }
            : null;
    }

    private static ApiBenchOptions Apply(ApiBenchOptions options, string name, Func<string> value) => name switch
    {
        "--rounds" => options with { Rounds = CommandLine.Integer(value(), 1, 50) },
        "--duration" => options with { Duration = CommandLine.Seconds(value(), 0.2, 600) },
        "--warmup" => options with { Warmup = CommandLine.Seconds(value(), 0, 120) },
        "--objects" => options with { Objects = CommandLine.Integer(value(), 10, 200_000) },
        "--node-pods" => options with { NodePods = CommandLine.Integer(value(), 0, 20_000) },
        "--transports" => options with { Https = Transports(value()) },
        "--revision" => options with { Revision = value() },
        "--repo-root" => options with { RepoRoot = Path.GetFullPath(value()) },
        "--results" => options with { ResultsFile = Path.GetFullPath(value()) },
        _ => throw new FormatException($"unknown option {name}"),
    };

    private static bool[] Transports(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Any(n => n is not ("http" or "https")))
        {
            throw new FormatException($"'{value}' is not a list of http and https");
        }

        return [.. names.Distinct().Select(n => n == "https")];
    }
}
