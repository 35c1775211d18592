using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// A kubelet misbehaving below HTTP, on a raw socket: one that resets every connection, or one that
/// sends its headers at once and then trickles the body a byte at a time. WireMock answers whole
/// responses, so these faults need their own server. Counts the connections it accepted.
/// </summary>
internal sealed class RawKubelet : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private RawKubelet(Func<Socket, CancellationToken, Task> serve)
    {
        _listener.Start();
        _loop = AcceptAsync(serve);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Accepts, reads the request, and resets the connection (RST, no response).</summary>
    public static RawKubelet Resetting() => new(async (socket, token) =>
    {
        await ReadRequestAsync(socket, token);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    });

    /// <summary>Sends a 200 with its headers at once, then one body byte per <paramref name="interval"/>.</summary>
    public static RawKubelet TricklingBody(TimeSpan interval) => new(async (socket, token) =>
    {
        await ReadRequestAsync(socket, token);
        var body = Encoding.ASCII.GetBytes(FakeKubelet.Items(FakeKubelet.ArchivePath));
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), token);
        foreach (var b in body)
        {
            await Task.Delay(interval, token);
            await socket.SendAsync(new[] { b }, token);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> serve)
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(serve, socket);
        }
    }

    private async Task ServeAsync(Func<Socket, CancellationToken, Task> serve, Socket socket)
    {
        try
        {
            await serve(socket, _stop.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up (its deadline) or the test ended: expected for a misbehaving server.
        }
        finally
        {
            socket.Dispose();
        }
    }

    // Reads up to the end of the request headers; the checkpoint POST has no body.
    private static async Task ReadRequestAsync(Socket socket, CancellationToken token)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
