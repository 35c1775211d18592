namespace Interceptor.Admission;

/// <summary>
/// How long one review may wait on the Kubernetes API (<c>Kubernetes:RequestTimeout</c>), armed at the first API call.
/// Most reviews are answered from the caches and never call the API, so they never pay for a linked token source
/// and a timer. Used by one review at a time, in sequence: not thread-safe.
/// </summary>
public sealed class ApiDeadline(CancellationToken requestAborted, TimeSpan timeout) : IDisposable
{
    private CancellationTokenSource? _source;

    /// <summary>Cancelled when the caller goes away or the API budget is spent.</summary>
    public CancellationToken Token
    {
        get
        {
            if (_source is null)
            {
                _source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
                _source.CancelAfter(timeout);
            }

            return _source.Token;
        }
    }

    public void Dispose() => _source?.Dispose();
}
