using System.Formats.Tar;
using Interceptor.Checkpoint.Archive;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The runtime side of a restore (CRI-O CRImportCheckpoint): resolve the container's image through the
/// <see cref="ICheckpointImageSource"/>; an ordinary image is a cold start at 0; a checkpoint image is first checked
/// as untrusted input by the real <see cref="CheckpointArchiveReader"/>, then the process state is read from it.
/// </summary>
internal static class CheckpointRestore
{
    /// <summary>The counter to start from (0 cold), whether it was restored, or why the runtime could not create the container.</summary>
    public sealed record Outcome(long InitialCounter, bool Restored, string? Error);

    private static readonly Outcome ColdStart = new(0, false, null);

    public static async Task<Outcome> ResolveAsync(ICheckpointImageSource images, string image, CancellationToken ct)
    {
        try
        {
            var archive = await images.OpenAsync(image, ct).ConfigureAwait(false);
            if (archive is null)
            {
                return ColdStart;
            }
            await using (archive.ConfigureAwait(false))
            {
                await new CheckpointArchiveReader().ReadAsync(archive, ct).ConfigureAwait(false);
            }
            // The reader consumed the stream; the state is read from a second, now vetted, opening.
            var again = await images.OpenAsync(image, ct).ConfigureAwait(false)
                ?? throw new InvalidDataException("the image disappeared between two reads");
            await using (again.ConfigureAwait(false))
            {
                var counter = await ReadCounterAsync(again, ct).ConfigureAwait(false);
                return counter is { } k
                    ? new Outcome(k, true, null)
                    : new Outcome(0, false, $"failed to restore container from checkpoint image {image}: {ProcessImage.PagesEntry} holds no simulated process");
            }
        }
        catch (Exception ex) when (ex is CheckpointArchiveException or IOException or InvalidDataException)
        {
            return new Outcome(0, false, $"failed to restore container from checkpoint image {image}: {ex.Message}");
        }
    }

    private static async Task<long?> ReadCounterAsync(Stream archive, CancellationToken ct)
    {
        var tar = new TarReader(archive, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                if (entry.Name == ProcessImage.PagesEntry && entry.DataStream is { } data)
                {
                    var header = new byte[ProcessImage.HeaderSize];
                    await data.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                    return ProcessImage.ReadCounter(header);
                }
            }
        }
        return null;
    }
}
