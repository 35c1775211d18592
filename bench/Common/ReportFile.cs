using System.Text;

namespace Interceptor.Bench.Common;

/// <summary>Where a finished report goes: the results file (bench/results is git-ignored) and stderr, with the path to find it again.</summary>
public static class ReportFile
{
    public static async Task WriteAsync(string report, string resultsFile, string repoRoot, TextWriter log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
        await File.WriteAllTextAsync(resultsFile, report);
        log.WriteLine();
        log.WriteLine(report);
        log.WriteLine("written to " + Path.GetRelativePath(repoRoot, resultsFile));
    }

    /// <summary>
    /// The report's verdict on its own runs: <paramref name="allChecked"/> when none is VOID, else how many are and,
    /// per VOID run, <paramref name="describe"/> (which run, its errors, the first one).
    /// </summary>
    public static void AppendVoidRuns<T>(StringBuilder text, IReadOnlyList<T> voided, string allChecked, Func<T, string> describe)
    {
        text.AppendLine();
        text.AppendLine(voided.Count == 0
            ? allChecked
            : $"**{voided.Count} run(s) are VOID** (failed or wrong answers); see the first error of each below.");
        foreach (var run in voided)
        {
            text.Append("- ").AppendLine(describe(run));
        }
    }
}
