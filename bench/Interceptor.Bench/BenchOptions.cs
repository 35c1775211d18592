namespace Interceptor.Bench;

/// <summary>Command-line settings of one benchmark run (see <c>bench/run.sh --help</c>).</summary>
public sealed record BenchOptions
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int Rounds { get; init; } = 3;

    /// <summary>Worker counts, each run as its own interleaved section: 16 shows throughput, 1 shows latency without queueing.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [16, 1];

    /// <summary>Distinct opted-in pods evicted once each, per concurrency level and round, for the "first deny" figure.</summary>
    public int FirstDenyPods { get; init; } = 200;

    /// <summary>Also measure a second interceptor with <c>Serilog:MinimumLevel:Default=Warning</c>, to show what logging costs.</summary>
    public bool LogVariant { get; init; } = true;

    /// <summary>Also measure bare endpoints that add one service behaviour each (chunked answer, Serilog on), to attribute the gap.</summary>
    public bool BareVariants { get; init; } = true;

    /// <summary>Time the service's own sections in process after the runs (see <see cref="Breakdown"/>).</summary>
    public bool Breakdown { get; init; } = true;

    public string RepoRoot { get; init; } = "";

    /// <summary>Which source was measured (run.sh passes <c>git describe --always --dirty</c>); the service changes under the benchmark.</summary>
    public string Revision { get; init; } = "unknown";

    public string ResultsFile { get; init; } = "";

    public static readonly string Usage =
        """
        Interceptor.Bench: admission decisions per second and latency, interceptor vs a bare Kestrel endpoint, same TLS.

          --duration SECONDS        measured time per scenario run          (default 10)
          --warmup SECONDS          unmeasured time before each run         (default 3)
          --rounds N                interleaved rounds per concurrency      (default 3)
          --concurrency LIST        worker counts, comma-separated          (default 16,1)
          --first-deny-pods N       pods per first-deny run                 (default 200)
          --no-log-variant          skip the Serilog Warning variant of the interceptor
          --no-bare-variants        skip the bare variants (chunked answer; Serilog on)
          --no-breakdown            skip the in-process timing of the service's sections
        """ + CommandLine.SharedUsage("admission");

    /// <returns>The options, or null after writing the problem to <paramref name="error"/>.</returns>
    public static BenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (CommandLine.ParseOptions(args, new BenchOptions(), Apply, error, Usage) is not { } options)
        {
            return null;
        }

        if (options.Concurrency.Count == 0)
        {
            error.WriteLine("error: --concurrency needs at least one worker count");
            return null;
        }

        var root = options.RepoRoot.Length > 0 ? options.RepoRoot : CommandLine.FindRepoRoot();
        if (root is null || !File.Exists(Path.Combine(root, "certs", "generate.sh")))
        {
            error.WriteLine("error: repository root not found (no certs/generate.sh); pass --repo-root");
            return null;
        }

        var results = options.ResultsFile.Length > 0
            ? options.ResultsFile
            : CommandLine.DefaultResultsFile(root, "admission");
        return options with { RepoRoot = root, ResultsFile = results };
    }

    private static BenchOptions Apply(BenchOptions options, string name, Func<string> value) => name switch
    {
        "--duration" => options with { Duration = CommandLine.Seconds(value(), 1, 600) },
        "--warmup" => options with { Warmup = CommandLine.Seconds(value(), 0, 120) },
        "--rounds" => options with { Rounds = CommandLine.Integer(value(), 1, 50) },
        "--concurrency" => options with { Concurrency = [.. value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => CommandLine.Integer(v, 1, 512))] },
        "--first-deny-pods" => options with { FirstDenyPods = CommandLine.Integer(value(), 0, 5000) },
        "--no-log-variant" => options with { LogVariant = false },
        "--no-bare-variants" => options with { BareVariants = false },
        "--no-breakdown" => options with { Breakdown = false },
        "--revision" => options with { Revision = value() },
        "--repo-root" => options with { RepoRoot = Path.GetFullPath(value()) },
        "--results" => options with { ResultsFile = Path.GetFullPath(value()) },
        _ => throw new FormatException($"unknown option {name}"),
    };
}
