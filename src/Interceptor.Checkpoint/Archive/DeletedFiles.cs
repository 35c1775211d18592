namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// deleted.files: a JSON array of the root file system paths the workload deleted ("/root/.config"), which
/// the runtime removes on restore with <c>os.RemoveAll(filepath.Join(containerRootDirectory, path))</c>
/// (Podman's and CRI-O's crutils <c>CRRemoveDeletedFiles</c>). <c>filepath.Join</c> cleans "..", so
/// "/../../etc" would remove the host's /etc, and "/" the whole root. Each path must therefore name
/// something strictly inside the root: the entry name rules, with the leading '/' the format uses.
/// </summary>
internal static class DeletedFiles
{
    public static void Verify(byte[]? json, ArchiveRules rules)
    {
        if (json is null)
        {
            return;
        }

        foreach (var path in MetadataJson.Deserialize<List<string?>>(json, CheckpointArchiveFiles.DeletedFiles))
        {
            CheckPath(path ?? "", rules);
        }
    }

    private static void CheckPath(string path, ArchiveRules rules)
    {
        string normalized;
        try
        {
            normalized = EntryPath.Normalize(path.TrimStart('/'), rules.MaxNameLength);
        }
        catch (CheckpointArchiveException e)
        {
            throw new CheckpointArchiveException(e.Rule, CheckpointArchiveFiles.DeletedFiles, $"the path '{Shown(path)}': {e.Detail}", e);
        }

        if (normalized.Length == 0)
        {
            throw new CheckpointArchiveException(ArchiveRule.InvalidName, CheckpointArchiveFiles.DeletedFiles, $"the path '{Shown(path)}' names the root file system itself");
        }
    }

    private static string Shown(string path) =>
        CheckpointArchiveException.Printable(path.Length <= 256 ? path : path[..256] + "...");
}
