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

    /// <summary>bench/results/&lt;name&gt;-&lt;UTC date-time&gt;.md under the repository (git-ignored).</summary>
    public static string DefaultResultsFile(string repoRoot, string name) =>
        Path.Combine(repoRoot, "bench", "results", $"{name}-{DateTime.UtcNow.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture)}.md");
}
