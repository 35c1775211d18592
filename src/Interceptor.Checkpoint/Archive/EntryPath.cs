namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Entry name rules, applied before anything else looks at a name. Decisions: any ".." segment is
/// refused, even one that would stay inside ("a/../b"), because no engine writes one and allowing
/// it only widens what must be proven safe; NUL and '\' are refused because extractors disagree on
/// them ('\' is a separator to Windows tools, so "..\x" could traverse there).
/// </summary>
internal static class EntryPath
{
    /// <summary>Returns the normalised name, "" for the archive root ("." or "./").</summary>
    public static string Normalize(string rawName, int maxLength)
    {
        CheckCharacters(rawName, rawName, maxLength, "name");
        if (rawName.StartsWith('/'))
        {
            throw new CheckpointArchiveException(ArchiveRule.AbsolutePath, rawName, "the name is absolute; entries must be relative to the archive root");
        }

        var segments = rawName.Split('/').Where(s => s is not ("" or ".")).ToList();
        if (segments.Contains(".."))
        {
            throw new CheckpointArchiveException(ArchiveRule.ParentTraversal, rawName, "the name has a '..' segment");
        }

        return string.Join('/', segments);
    }

    /// <summary>Refuses empty or over-long values and values holding NUL or '\'.</summary>
    public static void CheckCharacters(string value, string entryName, int maxLength, string what)
    {
        var problem = value switch
        {
            "" => "is empty",
            _ when value.Length > maxLength => $"is {value.Length} characters long; the limit is {maxLength}",
            _ when value.Contains('\0') => "holds a NUL character",
            _ when value.Any(char.IsControl) => "holds a control character (a terminal escape or line break in logs and listings)",
            _ when value.Contains('\\') => "holds a backslash",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CheckpointArchiveException(ArchiveRule.InvalidName, entryName, $"the {what} {problem}");
        }
    }

    /// <summary>The directory holding a normalised path, "" for the root.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Every proper ancestor of a normalised path, outermost first: "a/b/c" gives "a", "a/b".</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}
