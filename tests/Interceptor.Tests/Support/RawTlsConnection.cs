using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Interceptor.Tests.Support;

/// <summary>
/// One TCP connection with TLS to the webhook port, trusting only the test CA, on which a test writes whatever bytes
/// it likes (lying lengths, broken chunks, pipelines) and reads back the HTTP/1.1 responses, as the API server's
/// connection would carry them. No HTTP client in between to fix the framing up.
/// </summary>
public sealed class RawTlsConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawTlsConnection(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public static async Task<RawTlsConnection> OpenAsync(Uri address, TestCertificates certificates)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(address.Host, address.Port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            // No h2: the framing under test is HTTP/1.1's.
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificates.ChainsToCa(new X509Certificate2(certificate)),
        });
        return new RawTlsConnection(tcp, tls);
    }

    public async Task WriteAsync(byte[] bytes)
    {
        await _tls.WriteAsync(bytes);
        await _tls.FlushAsync();
    }

    /// <summary>TLS close_notify then a TCP half-close: the server sees the request end, and can still answer.</summary>
    public async Task CloseWriteAsync()
    {
        await _tls.ShutdownAsync();
        _tcp.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>A reset (RST, no close_notify): the client vanishes mid-request.</summary>
    public void Reset()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Client.Close();
    }

    /// <summary>Reads responses until <paramref name="max"/> have come, the server closes, or the time is up.</summary>
    public async Task<RawOutcome> ReadResponsesAsync(int max, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var statuses = new List<int>();
        try
        {
            while (statuses.Count < max)
            {
                if (await ReadResponseAsync(deadline.Token) is not { } status)
                {
                    return new RawOutcome(statuses, "closed");
                }

                statuses.Add(status);
            }

            return new RawOutcome(statuses, "complete");
        }
        catch (OperationCanceledException)
        {
            return new RawOutcome(statuses, "timeout");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return new RawOutcome(statuses, "reset");
        }
    }

    /// <returns>The status of the next response, its body skipped; null when the server closed first.</returns>
    private async Task<int?> ReadResponseAsync(CancellationToken cancellationToken)
    {
        if (await ReadLineAsync(cancellationToken) is not { } statusLine)
        {
            return null;
        }

        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        long length = 0;
        var chunked = false;
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } header)
        {
            var (name, value) = (header[..header.IndexOf(':')].Trim(), header[(header.IndexOf(':') + 1)..].Trim());
            length = name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : length;
            chunked |= name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        }

        await (chunked ? SkipChunkedAsync(cancellationToken) : SkipAsync(length, cancellationToken));
        return status;
    }

    private async Task SkipChunkedAsync(CancellationToken cancellationToken)
    {
        long size;
        do
        {
            var line = await ReadLineAsync(cancellationToken) ?? throw new IOException("closed inside a chunked response");
            size = Convert.ToInt64(line.Split(';')[0].Trim(), 16);
            await SkipAsync(size, cancellationToken);
            await ReadLineAsync(cancellationToken);
        }
        while (size > 0);
    }

    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new IOException("closed inside a response body");
            }

            var taken = (int)Math.Min(count, _end - _start);
            _start += taken;
            count -= taken;
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return line.Length == 0 ? null : throw new IOException("closed inside a response line");
            }

            var c = (char)_buffer[_start++];
            if (c == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append(c);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _tls.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
