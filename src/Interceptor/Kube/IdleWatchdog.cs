namespace Interceptor.Kube;

/// <summary>
/// Cancels a LIST or WATCH that has received nothing for <c>timeout</c>. A half-open connection (a peer or a
/// middlebox gone without a FIN or RST) never ends on its own: the server's watch timeout cannot reach us, and
/// the client's HTTP timeout is off because watches last minutes. Each page or event (bookmarks included) re-arms it.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _either;

    public IdleWatchdog(TimeSpan timeout, TimeProvider time, CancellationToken stopping)
    {
        _timeout = timeout;
        _idle = new CancellationTokenSource(timeout, time);
        _either = CancellationTokenSource.CreateLinkedTokenSource(stopping, _idle.Token);
    }

    /// <summary>For the call: cancelled when the host stops or the call has been idle too long.</summary>
    public CancellationToken Token => _either.Token;

    /// <summary>True once the call was cancelled for silence (whatever exception that then surfaced as).</summary>
    public bool Fired => _idle.IsCancellationRequested;

    /// <summary>Something arrived: the connection is alive, start the bound again.</summary>
    public void Kick() => _idle.CancelAfter(_timeout);

    public void Dispose()
    {
        _either.Dispose();
        _idle.Dispose();
    }
}
