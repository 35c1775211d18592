using System.Security.Cryptography;
using Interceptor.Checkpoint;
using Interceptor.Checkpoint.Images;

namespace Interceptor.Simulator.Nodes.Images;

/// <summary>
/// A read-only pass-through over a blob as the registry sends it, hashing (SHA-256) and counting on the way, so the
/// blob is checked against its descriptor without holding it: more bytes than the descriptor's size fail at once,
/// a short blob or another digest fails at the end. Failures are <see cref="InvalidDataException"/>, which the
/// kubelet turns into CreateContainerError.
/// </summary>
internal sealed class VerifiedBlobStream(Stream inner, OciDescriptor expected) : ReadOnlyForwardStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _verified;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    private int Account(ReadOnlySpan<byte> buffer, int read)
    {
        // A zero-byte read (a caller asking with an empty buffer, as readers do to wait for data) is not the end.
        if (read == 0)
        {
            if (!buffer.IsEmpty)
            {
                Verify();
            }

            return 0;
        }

        _read += read;
        if (_read > expected.Size)
        {
            throw new InvalidDataException($"blob {expected.Digest} is longer than its descriptor's {expected.Size} bytes");
        }

        _hash.AppendData(buffer[..read]);
        return read;
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        _verified = true;
        var digest = OciDigest.Format(_hash.GetHashAndReset());
        if (_read != expected.Size || digest != expected.Digest)
        {
            throw new InvalidDataException($"blob {expected.Digest} arrived as {_read} bytes with digest {digest} (descriptor: {expected.Size} bytes)");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
