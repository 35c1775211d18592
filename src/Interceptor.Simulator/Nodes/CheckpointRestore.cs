using Interceptor.Checkpoint.Archive;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The runtime side of a restore (CRI-O CRImportCheckpoint): resolve the container's image through the
/// <see cref="ICheckpointImageSource"/>; an ordinary image is a cold start at 0; a checkpoint image is first checked
/// as untrusted input by the real <see cref="CheckpointArchiveReader"/>, then the process state is read from it.
/// On a node whose restore is turned off, a checkpoint image is created as the ordinary image it looks like.
/// </summary>
internal static class CheckpointRestore
{
    /// <summary>
    /// The counter to start from (0 cold), whether it was restored, why the runtime could not create the container,
    /// and for a restore the base image (name, repo digest) the runtime reports instead of the checkpoint image.
    /// </summary>
    public sealed record Outcome(long InitialCounter, bool Restored, string? Error, string? BaseImage = null, string? BaseImageId = null);

    private static readonly Outcome ColdStart = new(0, false, null);

    public static async Task<Outcome> ResolveAsync(
        ICheckpointImageSource images, string image, RestoreSupport support, ContainerCommand command, CancellationToken ct)
    {
        try
        {
            var archive = await images.OpenAsync(image, ct).ConfigureAwait(false);
            if (archive is null)
            {
                return ColdStart;
            }

            if (support == RestoreSupport.CheckpointOnly)
            {
                await archive.DisposeAsync().ConfigureAwait(false);
                return CreatedAsOrdinaryImage(command);
            }

            // One pass: the real reader vets the archive as untrusted input and keeps the process image's header,
            // so a checkpoint image is fetched once, not once to check and again to read.
            CheckpointArchive checkedArchive;
            await using (archive.ConfigureAwait(false))
            {
                checkedArchive = await new CheckpointArchiveReader().ReadAsync(archive, ProcessImage.Header, ct).ConfigureAwait(false);
            }

            return Restore(image, checkedArchive);
        }
        catch (Exception ex) when (ex is CheckpointArchiveException or IOException or InvalidDataException)
        {
            return Failed(image, ex.Message);
        }
    }

    private static Outcome Restore(string image, CheckpointArchive archive)
    {
        if (archive.KeptHead is not { } header || ProcessImage.ReadCounter(header) is not { } k)
        {
            return Failed(image, $"{ProcessImage.PagesEntry} holds no simulated process");
        }

        // CRI-O creates the container from config.dump's base image (rootfsImageRef, else rootfsImageName) and so
        // reports that image's name and repo digest; no base image, nothing to create the container from.
        var config = archive.Metadata.Config;
        var baseImage = NonEmpty(config.RootfsImageName) ?? NonEmpty(config.RootfsImage);
        if (baseImage is null)
        {
            return Failed(image, "config.dump names no base image (rootfsImageName)");
        }

        var baseImageId = config.RootfsImage is { } pinned && pinned.Contains('@', StringComparison.Ordinal)
            ? pinned
            : RuntimeIds.ImageId(baseImage);
        return new Outcome(k, true, null, baseImage, baseImageId);
    }

    /// <summary>
    /// CRI-O with restore off (server/container_create.go): no checkpoint test, an ordinary container from an image
    /// whose config has no Entrypoint or Cmd. internal/factory/container/container.go SpecSetProcessArgs then fails
    /// with "no command specified" unless the pod names one; with a command the OCI runtime finds no executable in
    /// a rootfs that holds only the archive's files (crun's wording; runc's differs).
    /// </summary>
    private static Outcome CreatedAsOrdinaryImage(ContainerCommand command) =>
        new(0, false, command.Entrypoint is { } entrypoint
            ? $"container create failed: executable file `{entrypoint}` not found in $PATH: No such file or directory"
            : "no command specified");

    private static Outcome Failed(string image, string why) =>
        new(0, false, $"failed to restore container from checkpoint image {image}: {why}");

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
