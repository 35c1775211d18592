using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// rootfs-diff.tar: the files the workload changed in its root file system, as a tar nested in the
/// checkpoint. Its names, links, devices and modes are the workload's choice, and the runtime applies it
/// to the restored container's root on the host: Podman's and CRI-O's crutils <c>CRApplyRootFsDiffTar</c>
/// calls containers/storage <c>archive.Untar(rootfsDiffFile, containerRootDirectory, nil)</c>, no chroot,
/// default options. So it gets every rule the checkpoint gets, read as a sub-stream of the entry while the
/// outer archive streams on: one pass, nothing buffered but the fixed drain buffer and the name index.
/// Errors name the inner entry as <c>rootfs-diff.tar:{inner name}</c> and keep the inner rule.
/// </summary>
internal static class RootfsDiff
{
    public static async Task<long> VerifyAsync(TarEntry entry, string name, ArchiveRules rules, CancellationToken cancellationToken)
    {
        if (entry.DataStream is null || entry.Length == 0)
        {
            // No changes: nothing to apply and nothing to check.
            EntryData.EnsureWhole(name, 0, entry.Length);
            return 0;
        }

        var input = new MeteredStream(entry.DataStream, entry.Length, new TarFraming(rules));
        var inventory = new ArchiveInventory(rules, input, nested: true);
        try
        {
            await CheckpointArchiveReader.ReadEntriesAsync(input, inventory, cancellationToken).ConfigureAwait(false);
            await EndOfArchive.VerifyAsync(input, inventory, cancellationToken).ConfigureAwait(false);
            ArchiveTreeChecks.Verify(inventory, rules);
        }
        catch (CheckpointArchiveException inner)
        {
            throw Inside(name, inner);
        }
        catch (Exception ex) when (TarFailures.IsArchiveFault(ex, input))
        {
            throw Inside(name, TarFailures.Translate(ex, input, inventory));
        }

        EntryData.EnsureWhole(name, input.BytesRead, entry.Length);
        return input.BytesRead;
    }

    private static CheckpointArchiveException Inside(string name, CheckpointArchiveException inner) =>
        new(inner.Rule, inner.EntryName is null ? name : $"{name}:{inner.EntryName}", $"inside {name}: {inner.Detail}", inner);
}
