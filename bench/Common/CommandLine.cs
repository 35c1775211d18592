using System.Globalization;

namespace Interceptor.Bench.Common;

/// <summary>Option values and the repository root, read the same way by every benchmark command.</summary>
public static class CommandLine
{
    /// <summary>A number of seconds in [min, max]; <see cref="FormatException"/> otherwise, which the commands print with their usage.</summary>
    public static TimeSpan Seconds(string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < min || seconds > max)
        {
            throw new FormatException($"'{value}' is not a number of seconds in [{min}, {max}]");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public static int Integer(string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new FormatException($"'{value}' is not an integer in [{min}, {max}]");
        }

        return number;
    }

    /// <summary>
    /// Folds the arguments into options: <paramref name="apply"/> maps one option name (and its value, read on demand)
    /// to new options and throws <see cref="FormatException"/> for an unknown or bad one. Returns null after
    /// printing the problem and <paramref name="usage"/> (also for -h/--help).
    /// </summary>
    public static T? ParseOptions<T>(IReadOnlyList<string> args, T initial, Func<T, string, Func<string>, T> apply, TextWriter error, string usage)
        where T : class
    {
        var options = initial;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (name is "-h" or "--help")
                {
                    throw new FormatException("");
                }

                options = apply(options, name, () => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value"));
            }

            return options;
        }
        catch (FormatException e)
        {
            if (e.Message.Length > 0)
            {
                error.WriteLine("error: " + e.Message);
            }

            error.WriteLine(usage);
            return null;
        }
    }

    /// <summary>The usage lines of the options every command takes (run.sh and apiserver.sh pass them), for a report named <paramref name="report"/>.</summary>
    public static string SharedUsage(string report) => Environment.NewLine +
        $"""
          --revision TEXT           source revision to print in the report
          --repo-root DIR           repository root (default: found from the binary's location)
          --results FILE            Markdown output (default bench/results/{report}-<date>.md)
        """;

    /// <summary>The first directory above the running binary that holds Interceptor.sln, or null.</summary>
    public static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interceptor.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The repository root and the results file the options name, each defaulting as every command does (the root above
    /// the binary; bench/results/&lt;report&gt;-&lt;date&gt;.md). Null after writing the problem to <paramref name="error"/>.
    /// </summary>
    public static (string Root, string Results)? ResolvePaths(string repoRoot, string resultsFile, string report, TextWriter error)
    {
        var root = repoRoot.Length > 0 ? repoRoot : FindRepoRoot();
        if (root is null)
        {
            error.WriteLine("error: repository root not found (no Interceptor.sln above the binary); pass --repo-root");
            return null;
        }

        return (root, resultsFile.Length > 0 ? resultsFile : DefaultResultsFile(root, report));
    }

    /// <summary>bench/results/&lt;name&gt;-&lt;UTC date-time&gt;.md under the repository (git-ignored).</summary>
    public static string DefaultResultsFile(string repoRoot, string name) =>
        Path.Combine(repoRoot, "bench", "results", $"{name}-{DateTime.UtcNow.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture)}.md");
}
