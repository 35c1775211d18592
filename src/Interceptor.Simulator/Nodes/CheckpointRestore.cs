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

            // One pass: the real reader vets the archive as untrusted input and keeps the process image's header,
            // so a checkpoint image is fetched once, not once to check and again to read.
            CheckpointArchive checkedArchive;
            await using (archive.ConfigureAwait(false))
            {
                checkedArchive = await new CheckpointArchiveReader().ReadAsync(archive, ProcessImage.Header, ct).ConfigureAwait(false);
            }

            return checkedArchive.KeptHead is { } header && ProcessImage.ReadCounter(header) is { } k
                ? new Outcome(k, true, null)
                : new Outcome(0, false, $"failed to restore container from checkpoint image {image}: {ProcessImage.PagesEntry} holds no simulated process");
        }
        catch (Exception ex) when (ex is CheckpointArchiveException or IOException or InvalidDataException)
        {
            return new Outcome(0, false, $"failed to restore container from checkpoint image {image}: {ex.Message}");
        }
    }
}
