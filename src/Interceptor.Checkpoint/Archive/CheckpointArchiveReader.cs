using System.Formats.Tar;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Reads a checkpoint archive (the kubelet's checkpoint-*.tar) from a stream as untrusted input.
/// It streams: only config.dump, spec.dump and bind.mounts are held in memory, every other entry's
/// data is read through a fixed buffer and counted. Either it returns a <see cref="CheckpointArchive"/>
/// that passed every <see cref="ArchiveRule"/>, or it throws <see cref="CheckpointArchiveException"/>
/// naming the rule and the entry. Source stream failures and cancellation propagate unchanged.
/// The stream is read to its end and not disposed.
/// </summary>
public sealed class CheckpointArchiveReader(ArchiveRules? rules = null)
{
    private readonly ArchiveRules _rules = (rules ?? ArchiveRules.Default).Validated();

    public ArchiveRules Rules => _rules;

    public Task<CheckpointArchive> ReadAsync(Stream archive, CancellationToken cancellationToken = default) =>
        ReadAsync(archive, keepHead: null, cancellationToken);

    /// <summary>As <see cref="ReadAsync(Stream, CancellationToken)"/>, also keeping the first bytes of one entry (<see cref="CheckpointArchive.KeptHead"/>).</summary>
    public async Task<CheckpointArchive> ReadAsync(Stream archive, EntryHead? keepHead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keepHead?.Bytes ?? 0, EntryHead.MaxBytes, nameof(keepHead));
        var input = new MeteredStream(archive, _rules.MaxTotalSize, new TarFraming(_rules));
        var inventory = new ArchiveInventory(_rules, input, keepHead);
        try
        {
            await ReadEntriesAsync(input, inventory, cancellationToken).ConfigureAwait(false);
            await EndOfArchive.VerifyAsync(input, inventory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TarFailures.IsArchiveFault(ex, input))
        {
            throw TarFailures.Translate(ex, input, inventory);
        }

        return CheckpointArchiveAssembler.Assemble(inventory, _rules, input.BytesRead);
    }

    internal static async Task ReadEntriesAsync(MeteredStream input, ArchiveInventory inventory, CancellationToken cancellationToken)
    {
        var tar = new TarReader(input, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                await inventory.AddAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
