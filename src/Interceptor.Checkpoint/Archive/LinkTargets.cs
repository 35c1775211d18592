namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Where links point, decided lexically: nothing is resolved on a file system. Lexical resolution
/// is only sound when no symbolic link is passed through on the way ("d/.." with d -> "." would
/// lexically be the root but really be its parent), so the whole-archive check refuses that too.
/// </summary>
internal static class LinkTargets
{
    /// <summary>
    /// Resolves a symbolic link's target from the link's directory and returns the path it names
    /// inside the archive ("" for the root). With <paramref name="isSymlink"/>, also refuses a target
    /// that passes through another symbolic link.
    /// </summary>
    public static string ResolveSymlink(string linkName, string target, int maxLength, Func<string, bool>? isSymlink = null)
    {
        EntryPath.CheckCharacters(target, linkName, maxLength, "link target");
        if (target.StartsWith('/'))
        {
            throw Outside(linkName, $"the symbolic link target '{target}' is absolute");
        }

        var path = EntryPath.Parent(linkName).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var segments = target.Split('/').Where(s => s is not ("" or ".")).ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] != "..")
            {
                path.Add(segments[i]);
                CheckNotThroughLink(linkName, target, string.Join('/', path), i < segments.Count - 1, isSymlink);
            }
            else if (path.Count == 0)
            {
                throw Outside(linkName, $"the symbolic link target '{target}' climbs above the archive root");
            }
            else
            {
                path.RemoveAt(path.Count - 1);
            }
        }

        return string.Join('/', path);
    }

    /// <summary>Normalises a hard link's target, which tar gives relative to the archive root.</summary>
    public static string NormalizeHardLink(string linkName, string target, int maxLength)
    {
        EntryPath.CheckCharacters(target, linkName, maxLength, "link target");
        var segments = target.Split('/').Where(s => s is not ("" or ".")).ToList();
        if (target.StartsWith('/') || segments.Contains(".."))
        {
            throw Outside(linkName, $"the hard link target '{target}' is absolute or has a '..' segment");
        }

        return string.Join('/', segments);
    }

    private static void CheckNotThroughLink(string linkName, string target, string path, bool moreFollow, Func<string, bool>? isSymlink)
    {
        if (moreFollow && isSymlink is not null && isSymlink(path))
        {
            throw new CheckpointArchiveException(
                ArchiveRule.LinkThroughLink,
                linkName,
                $"the symbolic link target '{target}' passes through the symbolic link '{path}'; chains are refused because lexical resolution cannot see where they land");
        }
    }

    private static CheckpointArchiveException Outside(string linkName, string detail) =>
        new(ArchiveRule.LinkOutsideArchive, linkName, detail);
}
