namespace Interceptor.Bench.Migration;

/// <summary>Command-line settings of one migration benchmark run (see <c>bench/migration.sh --help</c>).</summary>
public sealed record MigrationBenchOptions
{
    /// <summary>Interleaved controller and baseline rounds per size of the downtime part.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Concurrent migrations per round of the downtime part.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1, 5, 20, 50, 100];

    /// <summary>Drains per size of the drain part.</summary>
    public int DrainRounds { get; init; } = 2;

    /// <summary>Opted-in pods on the drained node; 1 is always run too, since it gives the ideal schedule's unit.</summary>
    public IReadOnlyList<int> DrainSizes { get; init; } = [1, 5, 20, 50, 100];

    /// <summary>Controller:MaxConcurrentPerNode of the drain part.</summary>
    public int DrainLimit { get; init; } = 4;

    /// <summary>
    /// The drain's wait after a 429, kubectl's 5 s by default. The makespan comes from the statuses, but shorter waits
    /// mean more denied evictions through the API server and webhook while the queued migrations wait, on the same cores.
    /// </summary>
    public TimeSpan DrainRetry { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Controller:PollInterval (shipped: 1 s): how often a step that waits on someone else is looked at without an event.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Controller:ResyncInterval (shipped: 30 s).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    public NodeTimings Timings { get; init; } = new();

    public bool SkipDowntime { get; init; }

    public bool SkipDrain { get; init; }

    public string RepoRoot { get; init; } = "";

    public string Revision { get; init; } = "unknown";

    public string ResultsFile { get; init; } = "";

    /// <summary>A CSV of every migration (empty: none).</summary>
    public string SamplesFile { get; init; } = "";

    public static readonly string Usage =
        """
        Interceptor.Bench.Migration: the downtime the controller adds to checkpoint + transfer + restore (against a
        direct script doing the same steps without a controller), and the makespan of a drain against the ideal schedule.

          --rounds N                interleaved rounds per size, downtime part      (default 3)
          --sizes LIST              concurrent migrations, comma-separated          (default 1,5,20,50,100)
          --drain-rounds N          drains per size                                 (default 2)
          --drain-sizes LIST        opted-in pods on the drained node               (default 1,5,20,50,100)
          --drain-limit N           Controller:MaxConcurrentPerNode of the drains   (default 4)
          --drain-retry SECONDS     the drain's wait after a 429                    (default 5, as kubectl)
          --poll-interval SECONDS   Controller:PollInterval                         (default 1, as shipped)
          --resync-interval SECONDS Controller:ResyncInterval                       (default 30, as shipped)
          --checkpoint-ms-per-mib N simulated dump time per MiB                     (default 20)
          --memory-mib N            simulated process memory per container          (default 4)
          --restore-ms N            simulated restore delay                         (default 100)
          --ready-ms N              simulated readiness delay                       (default 50)
          --no-downtime             skip the downtime part
          --no-drain                skip the drain part
          --samples FILE            also write every migration's steps as CSV
        """ + CommandLine.SharedUsage("migration");

    /// <returns>The options, or null after writing the problem to <paramref name="error"/>.</returns>
    public static MigrationBenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (CommandLine.ParseOptions(args, new MigrationBenchOptions(), Apply, error, Usage) is not { } options)
        {
            return null;
        }

        return CommandLine.ResolvePaths(options.RepoRoot, options.ResultsFile, "migration", error) is { } paths
            ? options with { RepoRoot = paths.Root, ResultsFile = paths.Results }
            : null;
    }

    private static MigrationBenchOptions Apply(MigrationBenchOptions options, string name, Func<string> value) => name switch
    {
        "--rounds" => options with { Rounds = CommandLine.Integer(value(), 1, 50) },
        "--sizes" => options with { Sizes = ParseSizes(value()) },
        "--drain-rounds" => options with { DrainRounds = CommandLine.Integer(value(), 1, 50) },
        "--drain-sizes" => options with { DrainSizes = ParseSizes(value()) },
        "--drain-limit" => options with { DrainLimit = CommandLine.Integer(value(), 1, 100) },
        "--drain-retry" => options with { DrainRetry = CommandLine.Seconds(value(), 0.05, 10) },
        "--poll-interval" => options with { PollInterval = CommandLine.Seconds(value(), 0.01, 60) },
        "--resync-interval" => options with { ResyncInterval = CommandLine.Seconds(value(), 0.1, 600) },
        "--checkpoint-ms-per-mib" => options with { Timings = options.Timings with { CheckpointMsPerMiB = CommandLine.Integer(value(), 0, 10_000) } },
        "--memory-mib" => options with { Timings = options.Timings with { MemoryMiB = CommandLine.Integer(value(), 1, 1024) } },
        "--restore-ms" => options with { Timings = options.Timings with { RestoreMs = CommandLine.Integer(value(), 0, 60_000) } },
        "--ready-ms" => options with { Timings = options.Timings with { ReadyMs = CommandLine.Integer(value(), 0, 60_000) } },
        "--no-downtime" => options with { SkipDowntime = true },
        "--no-drain" => options with { SkipDrain = true },
        "--samples" => options with { SamplesFile = Path.GetFullPath(value()) },
        "--revision" => options with { Revision = value() },
        "--repo-root" => options with { RepoRoot = Path.GetFullPath(value()) },
        "--results" => options with { ResultsFile = Path.GetFullPath(value()) },
        _ => throw new FormatException($"unknown option {name}"),
    };

    // Sizes above 100 would need more nodes than the world has (110 pods a node).
    private static int[] ParseSizes(string list)
    {
        var sizes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => CommandLine.Integer(v, 1, 100)).ToArray();
        return sizes.Length > 0 ? [.. sizes.Distinct()] : throw new FormatException("a list of sizes needs at least one number");
    }
}
