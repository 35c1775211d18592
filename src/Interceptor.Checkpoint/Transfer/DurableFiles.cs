using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Images;

namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// The file-system steps that make a shared-volume copy survive a crash or power loss: owner-only files and
/// directories (checkpoints hold process memory, secrets included), data flushed to the device, and directory
/// entries flushed so a rename is durable too.
/// </summary>
internal static class DurableFiles
{
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;
    private const int CopyBufferSize = 1 << 20;

    /// <summary>Creates <paramref name="path"/> and every missing directory between it and <paramref name="root"/> as owner-only.</summary>
    public static void CreateOwnerDirectory(string root, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // One level at a time: CreateDirectory(path, mode) gives the mode to the last directory only, and a
        // world-readable parent would let other users list which pods were checkpointed.
        var relative = Path.GetRelativePath(root, path);
        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            Directory.CreateDirectory(current, OwnerDirectory);
        }
    }

    /// <summary>
    /// Streams <paramref name="source"/> into a new owner-only file while hashing it, then flushes it to the
    /// device. Never holds more than one buffer of the archive in memory.
    /// </summary>
    /// <returns>The lower-case hex SHA-256 and the number of bytes written.</returns>
    public static async Task<(string Hex, long Size)> CopyHashedAsync(Stream source, string target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = CreateOwnerFile(target);
        var buffer = new byte[CopyBufferSize];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            size += read;
        }

        output.Flush(flushToDisk: true);
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> while the archive reader validates it: the reader
    /// pulls the bytes, and every byte it reads is hashed and written (one pass). Bytes after the archive's end
    /// (padding) are copied too, so the copy is byte for byte the source. A rule broken throws before anything commits.
    /// </summary>
    public static async Task<(string Hex, long Size)> CopyValidatedAsync(Stream source, string target, CheckpointArchiveReader reader, CancellationToken cancellationToken)
    {
        await using var output = CreateOwnerFile(target);
        var hashing = new HashingWriteStream(output);
        await using (hashing.ConfigureAwait(false))
        {
            var tee = new TeeReadStream(source, hashing);
            await reader.ReadAsync(tee, cancellationToken).ConfigureAwait(false);
            await tee.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
            return (hashing.Digest()[OciDigest.Sha256Prefix.Length..], hashing.BytesWritten);
        }
    }

    /// <summary>Hashes a file without writing anything.</summary>
    public static async Task<(string Hex, long Size)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var input = OpenRead(path);
        var digest = await SHA256.HashDataAsync(input, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(digest), input.Length);
    }

    public static async Task WriteOwnerTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        await using var output = CreateOwnerFile(path);
        await output.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
        output.Flush(flushToDisk: true);
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>
    /// Flushes a directory's entries (a created, renamed or removed name) to the device. .NET has no API for it:
    /// on Linux and macOS it is open(O_RDONLY) plus fsync on the directory itself. Elsewhere it is skipped.
    /// </summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = Open(path, 0);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {path} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            // EINVAL: the file system cannot sync a directory (some network file systems); their renames are synchronous.
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != EInval)
            {
                throw new IOException($"cannot flush directory {path} (errno {errno})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private const int EInval = 22;

    private static FileStream CreateOwnerFile(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = CopyBufferSize,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        return new FileStream(path, options);
    }

    // DllImport, not LibraryImport: the generated marshalling needs unsafe code, and these signatures are plain.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
