using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Checks that need the whole archive, because tar order proves nothing: a symbolic link written
/// after "d/file" still makes extraction of "d/file" follow it. Run once all entries are read.
/// </summary>
internal static class ArchiveTreeChecks
{
    public static void Verify(ArchiveInventory inventory, ArchiveRules rules)
    {
        foreach (var entry in inventory.Entries)
        {
            CheckParentsAreDirectories(entry.Name, inventory.Types);
        }

        foreach (var (name, target) in inventory.Symlinks)
        {
            LinkTargets.ResolveSymlink(name, target, rules.MaxNameLength, inventory.Symlinks.ContainsKey);
        }
    }

    // An entry under a link or a file would be written through that link, or fail to extract.
    private static void CheckParentsAreDirectories(string name, IReadOnlyDictionary<string, TarEntryType> types)
    {
        foreach (var ancestor in EntryPath.Ancestors(name))
        {
            if (types.TryGetValue(ancestor, out var type) && type != TarEntryType.Directory)
            {
                throw new CheckpointArchiveException(ArchiveRule.ParentNotDirectory, name, $"it lies under '{ancestor}', which the archive makes a {type}, not a directory");
            }
        }
    }
}
