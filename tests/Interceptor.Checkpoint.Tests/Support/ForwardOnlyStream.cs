namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// A readable, non-seekable stream that only produces bytes, as a network body does: a subclass supplies
/// <see cref="Read(Span{byte})"/>, everything else is fixed here. The reader under test must never need to seek.
/// </summary>
public abstract class ForwardOnlyStream : ReadOnlyForwardStream
{
    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

}
