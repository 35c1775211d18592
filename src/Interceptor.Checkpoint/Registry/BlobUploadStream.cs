using System.Buffers;
using System.Runtime.CompilerServices;
using Interceptor.Checkpoint.Images;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// A write-only stream into one chunked blob upload (POST, PATCH per chunk, PUT ?digest=). Bytes are
/// gathered into a chunk buffer; a full chunk is PATCHed while the next one fills, so reading, hashing
/// and sending overlap. Memory is two chunk buffers whatever the blob's size. Writes must be async:
/// a chunk is a network call. Finish with <see cref="CompleteAsync"/>, or <see cref="AbortAsync"/>.
/// </summary>
public sealed class BlobUploadStream : Stream
{
    private readonly RegistryClient _client;
    private byte[] _filling;
    private byte[] _spare;
    private int _filled;
    private long _sent;
    private Task _inFlight = Task.CompletedTask;
    private bool _finished;

    internal BlobUploadStream(RegistryClient client, Uri location, int chunkSize)
    {
        _client = client;
        Location = location;
        _filling = ArrayPool<byte>.Shared.Rent(chunkSize);
        _spare = ArrayPool<byte>.Shared.Rent(chunkSize);
        ChunkSize = chunkSize;
    }

    /// <summary>The upload session's current URL; the registry hands out a new one after every chunk.</summary>
    public Uri Location { get; private set; }

    public int ChunkSize { get; }

    /// <summary>Bytes written so far.</summary>
    public long Written => _sent + _filled;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Written; set => throw new NotSupportedException(); }

    // Pooled: called once per read of the archive; see TeeReadStream.ReadAsync.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, ChunkSize - _filled);
            buffer[..take].CopyTo(_filling.AsMemory(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == ChunkSize)
            {
                await SendFillingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what is left and closes the upload under <paramref name="digest"/>, which the registry must confirm.</summary>
    public async Task<OciDescriptor> CompleteAsync(string digest, string mediaType, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_filled > 0)
        {
            await SendFillingAsync(cancellationToken).ConfigureAwait(false);
        }

        await _inFlight.ConfigureAwait(false);
        await _client.CompleteUploadAsync(Location, digest, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        _finished = true;
        return new OciDescriptor(mediaType, digest, _sent);
    }

    /// <summary>Best effort: lets an in-flight chunk end and deletes the session. Never throws.</summary>
    public async Task AbortAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await Settle().ConfigureAwait(false);
        await _client.CancelUploadAsync(Location).ConfigureAwait(false);
    }

    // IMPORTANT: the previous chunk must be acknowledged before the next is sent: its answer carries
    // the Location the next PATCH goes to, and its buffer becomes the one that fills next.
    private async Task SendFillingAsync(CancellationToken cancellationToken)
    {
        await _inFlight.ConfigureAwait(false);
        var chunk = _filling.AsMemory(0, _filled);
        var start = _sent;
        (_filling, _spare) = (_spare, _filling);
        _sent += _filled;
        _filled = 0;
        _inFlight = PatchAsync(chunk, start, cancellationToken);
    }

    private async Task PatchAsync(ReadOnlyMemory<byte> chunk, long start, CancellationToken cancellationToken) =>
        Location = await _client.PatchChunkAsync(Location, chunk, start, cancellationToken).ConfigureAwait(false);

    private async Task Settle()
    {
        try
        {
            await _inFlight.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException)
        {
            // Already reported by the write or complete that saw it.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        ReturnBuffers();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A chunk still in flight reads from a buffer; it must end before the buffer goes back to the pool.
            _finished = true;
            Settle().GetAwaiter().GetResult();
            ReturnBuffers();
        }

        base.Dispose(disposing);
    }

    private void ReturnBuffers()
    {
        if (_filling.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_filling);
            ArrayPool<byte>.Shared.Return(_spare);
            _filling = _spare = [];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("A blob upload is written asynchronously: each chunk is a network call.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
