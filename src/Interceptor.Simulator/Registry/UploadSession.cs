using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// One blob upload: a temporary file and a SHA-256 fed with exactly the bytes written, so the digest is known
/// when the upload closes without reading a GiB checkpoint a second time and without holding it in memory.
/// The offset and the hash only ever move together, so even a chunk cut short by a dropped connection leaves
/// the session consistent, and the next PATCH (or a GET for the status) carries on from the true offset.
/// </summary>
internal sealed class UploadSession : IDisposable
{
    // A bounded write buffer: Kestrel hands over small segments, and one syscall per segment would be slow.
    private const int WriteBufferBytes = 1 << 20;

    private readonly FileStream _file;
    private readonly IncrementalHash _sha256 = Digest.CreateHash(Digest.Sha256);

    public UploadSession(string repository, string directory)
    {
        Repository = repository;
        Id = Guid.NewGuid().ToString("D");
        FilePath = Path.Combine(directory, Id);
        _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, WriteBufferBytes, FileOptions.Asynchronous);
    }

    public string Id { get; }

    public string Repository { get; }

    public string FilePath { get; }

    /// <summary>Bytes received so far; the next chunk must start here.</summary>
    public long Offset { get; private set; }

    // One request at a time writes to a session; a second waits and then sees the new offset. Never disposed:
    // a request still waiting must wake up (and learn the session ended), not die on a disposed semaphore.
    private readonly SemaphoreSlim _writer = new(1, 1);
    private bool _ended;

    /// <summary>
    /// Waits for the session's one writer slot, then checks the session is still open: an upload finished or
    /// cancelled by the request before this one is BLOB_UPLOAD_UNKNOWN, as it would be for a new request.
    /// </summary>
    public async Task<Lease> AcquireAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        if (_ended)
        {
            _writer.Release();
            throw RegistryErrors.UploadUnknown(Id);
        }

        return new Lease(_writer);
    }

    /// <summary>Streams the request body to the file and the hash, segment by segment, as Kestrel receives it.</summary>
    public async Task<long> AppendAsync(PipeReader body, CancellationToken ct)
    {
        long received = 0;
        while (true)
        {
            var read = await body.ReadAsync(ct);
            foreach (var segment in read.Buffer)
            {
                await _file.WriteAsync(segment, ct);
                _sha256.AppendData(segment.Span);
                Offset += segment.Length;
                received += segment.Length;
            }

            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return received;
            }
        }
    }

    /// <summary>
    /// Flushes and computes the digest in <paramref name="algorithm"/>: SHA-256 from the running hash, any other
    /// by streaming the file once more (clients push sha256; sha512 is rare enough to pay a re-read).
    /// </summary>
    public async Task<Digest> CompleteAsync(string algorithm, CancellationToken ct)
    {
        await _file.FlushAsync(ct);
        if (algorithm == Digest.Sha256)
        {
            return Digest.FromHash(algorithm, _sha256.GetCurrentHash());
        }

        using var hash = Digest.CreateHash(algorithm);
        _file.Position = 0;
        var buffer = new byte[WriteBufferBytes];
        int read;
        while ((read = await _file.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Digest.FromHash(algorithm, hash.GetHashAndReset());
    }

    /// <summary>Closes the file; deletes it unless it was committed (moved away) already.</summary>
    public void Dispose()
    {
        _ended = true;
        _file.Dispose();
        _sha256.Dispose();
        File.Delete(FilePath);
    }

    /// <summary>The writer slot, held until disposed.</summary>
    public readonly struct Lease(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }
}
