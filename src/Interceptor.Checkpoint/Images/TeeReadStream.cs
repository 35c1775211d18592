using System.Runtime.CompilerServices;

namespace Interceptor.Checkpoint.Images;

/// <summary>
/// A forward-only read stream that hands every byte it reads from <paramref name="source"/> to
/// <paramref name="sink"/> before returning it. The archive reader pulls through it, so the archive is
/// validated and turned into the layer in one pass: the bytes checked are exactly the bytes pushed.
/// </summary>
internal sealed class TeeReadStream(Stream source, Stream sink) : ReadOnlyForwardStream
{

    // Pooled: the reader calls this once per read of the archive, and each boxed state machine would be
    // garbage proportional to the archive's size.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            await sink.WriteAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Async only: the sink is a network upload, and blocking a thread on it would hide that.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read the tee asynchronously.");

}
