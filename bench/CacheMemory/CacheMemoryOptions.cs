namespace Interceptor.Bench.CacheMemory;

/// <summary>Command-line settings (see <c>bench/cache-memory.sh --help</c>).</summary>
public sealed record CacheMemoryOptions
{
    public IReadOnlyList<int> Pods { get; init; } = [10_000, 50_000];

    /// <summary>Label and Interceptor.dll of each webhook build measured, in order.</summary>
    public IReadOnlyList<(string Label, string Dll)> Builds { get; init; } = [];

    /// <summary>Also measure each build with the GC heap limit .NET sets inside a container with this memory limit.</summary>
    public int? ContainerLimitMiB { get; init; }

    public string RepoRoot { get; init; } = "";

    public string Revision { get; init; } = "unknown";

    public string ResultsFile { get; init; } = "";

    public static readonly string Usage =
        """
        Interceptor.Bench.CacheMemory: peak resident memory (VmHWM) of the real webhook, run as a child process,
        from start until /readyz is green, against the fake API server seeded with realistic pods.

          --pods LIST               pod counts                                  (default 10000,50000)
          --build LABEL=DLL         an Interceptor.dll to measure; repeat to compare builds (at least one)
          --container-limit MIB     also run each build with the GC heap limit of a container of this size (75 %)
        """ + CommandLine.SharedUsage("cache-memory");

    /// <returns>The options, or null after writing the problem to <paramref name="error"/>.</returns>
    public static CacheMemoryOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (CommandLine.ParseOptions(args, new CacheMemoryOptions(), Apply, error, Usage) is not { } options)
        {
            return null;
        }

        var root = options.RepoRoot.Length > 0 ? options.RepoRoot : CommandLine.FindRepoRoot();
        if (root is null || options.Builds.Count == 0)
        {
            error.WriteLine(root is null ? "error: repository root not found; pass --repo-root" : "error: pass at least one --build LABEL=DLL");
            return null;
        }

        var results = options.ResultsFile.Length > 0 ? options.ResultsFile : CommandLine.DefaultResultsFile(root, "cache-memory");
        return options with { RepoRoot = root, ResultsFile = results };
    }

    private static CacheMemoryOptions Apply(CacheMemoryOptions options, string name, Func<string> value) => name switch
    {
        "--pods" => options with { Pods = [.. value().Split(',').Select(p => CommandLine.Integer(p, 1, 1_000_000))] },
        "--build" => options with { Builds = [.. options.Builds, Build(value())] },
        "--container-limit" => options with { ContainerLimitMiB = CommandLine.Integer(value(), 64, 65536) },
        "--repo-root" => options with { RepoRoot = value() },
        "--revision" => options with { Revision = value() },
        "--results" => options with { ResultsFile = value() },
        _ => throw new FormatException($"unknown option {name}"),
    };

    private static (string, string) Build(string value) =>
        value.Split('=', 2) is [{ Length: > 0 } label, { Length: > 0 } dll] && File.Exists(dll)
            ? (label, Path.GetFullPath(dll))
            : throw new FormatException($"--build needs LABEL=DLL with an existing DLL, not '{value}'");
}
