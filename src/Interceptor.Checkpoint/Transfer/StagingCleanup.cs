namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Removes what a publisher that crashed left in a container's directory: staging directories of an attempt
/// (never committed) and replaced copies moved aside. A directory still being written is not touched: a copy
/// writes continuously, so "nothing written for <c>staleAfter</c>" tells an abandoned one from a live one.
/// </summary>
internal static class StagingCleanup
{
    /// <returns>How many leftovers were removed.</returns>
    public static int RemoveStale(SharedVolumeLayout layout, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (!Directory.Exists(layout.ContainerDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var leftover in Directory.EnumerateDirectories(layout.ContainerDirectory))
        {
            var name = Path.GetFileName(leftover);
            var isLeftover = name.StartsWith(layout.StagingPrefix, StringComparison.Ordinal) || name.StartsWith(layout.ReplacedPrefix, StringComparison.Ordinal);
            if (isLeftover && now - LastWrite(leftover) >= staleAfter && TryDelete(leftover))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Deletes a directory tree; one that is already gone (another cleaner was first) counts as done.</summary>
    public static bool TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    // The newest write inside: the directory's own time changes only when names are added or removed.
    private static DateTimeOffset LastWrite(string directory)
    {
        var newest = Directory.GetLastWriteTimeUtc(directory);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var written = File.GetLastWriteTimeUtc(file);
            newest = written > newest ? written : newest;
        }

        return new DateTimeOffset(newest, TimeSpan.Zero);
    }
}
