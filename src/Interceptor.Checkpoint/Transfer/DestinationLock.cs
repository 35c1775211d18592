namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// Serialises publishers of one destination (two agents, or a retry overlapping a slow first try): an exclusive
/// lock on <c>.attempt-{n}.lock</c> next to the attempt. On Unix .NET takes it with <c>flock(LOCK_EX)</c> for
/// <see cref="FileShare.None"/>; Linux NFS clients map that to a byte-range lock the server enforces across nodes.
/// The kernel drops the lock when its holder dies, so a crash never leaves it held.
/// </summary>
internal sealed class DestinationLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _file;

    private DestinationLock(FileStream file) => _file = file;

    /// <summary>Waits for the lock; gives up after <paramref name="maxWait"/>, which is longer than any live copy stays silent.</summary>
    public static async Task<DestinationLock> AcquireAsync(string path, TimeSpan maxWait, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new DestinationLock(Open(path));
            }
            catch (IOException) when (time.GetElapsedTime(started) < maxWait)
            {
                await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static string PathFor(SharedVolumeLayout layout) => Path.Combine(layout.ContainerDirectory, "." + layout.AttemptName + ".lock");

    private static FileStream Open(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DurableFiles.OwnerFile;
        }

        return new FileStream(path, options);
    }

    public void Dispose() => _file.Dispose();
}
