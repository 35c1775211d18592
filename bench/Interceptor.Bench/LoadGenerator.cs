using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Interceptor.Bench;

/// <summary>An endpoint under load and what its answers must say.</summary>
/// <param name="Decisions">Reads the service's own count of the expected decision (null for the bare endpoint), to prove every answer took the intended path.</param>
public sealed record Target(string Scenario, Uri Address, bool ExpectAllowed, Func<double>? Decisions = null);

/// <summary>One run of one scenario. Latencies in milliseconds; <see cref="Requests"/> completed inside the measured window.</summary>
public sealed record RunResult(
    string Scenario,
    int Workers,
    int Round,
    long Requests,
    double Seconds,
    double P50,
    double P99,
    double P999,
    double Max,
    long Sent,
    long Errors,
    long WrongDecisions,
    long DroppedSamples,
    string? FirstError,
    double CpuMicrosecondsPerRequest,
    double ProcessCpuShare,
    double OthersCpuShare)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>A run with a wrong or failed answer measures something else: it does not count.</summary>
    public bool IsVoid => Errors > 0 || WrongDecisions != 0 || Requests == 0;
}

/// <summary>
/// Closed-loop load from this process: N workers, each over its own keep-alive HTTP/1.1 connection
/// (SocketsHttpHandler, MaxConnectionsPerServer = N), each sending the pre-serialized review and reading the
/// whole answer, recording its latency as <see cref="Stopwatch"/> ticks into one preallocated array.
/// Every loop stops at a deadline; only loopback addresses are accepted.
/// </summary>
public sealed class LoadGenerator(CertificateFiles certificates, int sampleCapacity)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly long[] _samples = new long[sampleCapacity];

    /// <summary>Sends <paramref name="body"/> for <paramref name="warmup"/> unrecorded, then <paramref name="duration"/> recorded.</summary>
    public async Task<RunResult> SteadyAsync(Target target, byte[] body, int workers, int round, TimeSpan warmup, TimeSpan duration)
    {
        var uri = Validate(target.Address);
        using var client = CreateClient(workers);
        var before = target.Decisions?.Invoke();
        var now = Stopwatch.GetTimestamp();
        var run = new Run { MeasureStart = now + Ticks(warmup), End = now + Ticks(warmup) + Ticks(duration) };
        using var abort = new CancellationTokenSource(warmup + duration + Grace);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() => SteadyWorkerAsync(client, uri, body, target.ExpectAllowed, run, abort.Token))).ToArray();
        var untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), run.MeasureStart);
        if (untilMeasured > TimeSpan.Zero)
        {
            await Task.Delay(untilMeasured, abort.Token);
        }

        var cpuFrom = CpuSnapshot.Take();
        await Task.WhenAll(tasks);
        return Summarize(target, workers, round, run, before, Seconds(run.End - run.MeasureStart), cpuFrom, CpuSnapshot.Take());
    }

    /// <summary>
    /// Sends each body once, spread over the workers, all recorded (the first eviction of distinct pods). The
    /// connections are opened and warmed first with <paramref name="connectionWarmup"/>, so no handshake is in the figures.
    /// </summary>
    public async Task<RunResult> OnceEachAsync(Target target, IReadOnlyList<byte[]> bodies, (byte[] Body, bool Allowed) connectionWarmup, int workers, int round, TimeSpan timeout)
    {
        var uri = Validate(target.Address);
        using var client = CreateClient(workers);
        using var abort = new CancellationTokenSource(timeout + Grace);
        var warm = new Run { MeasureStart = long.MaxValue, End = Stopwatch.GetTimestamp() + Ticks(timeout) };
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            for (var i = 0; i < 20 && Stopwatch.GetTimestamp() < warm.End; i++)
            {
                warm.Record(await SendAsync(client, uri, connectionWarmup.Body, buffer, connectionWarmup.Allowed, abort.Token), 0, 0, null);
            }
        })));
        if (warm.Errors > 0)
        {
            throw new InvalidOperationException($"{target.Scenario}: connection warm-up failed: {warm.FirstError}");
        }

        var before = target.Decisions?.Invoke();
        var cpuFrom = CpuSnapshot.Take();
        var start = Stopwatch.GetTimestamp();
        var run = new Run { MeasureStart = start, End = start + Ticks(timeout) };
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => OnceEachWorkerAsync(client, uri, bodies, target.ExpectAllowed, run, abort.Token))));
        return Summarize(target, workers, round, run, before, Seconds(Stopwatch.GetTimestamp() - start), cpuFrom, CpuSnapshot.Take());
    }

    /// <summary>One request outside any measurement (priming, checks). Returns null, or what was wrong.</summary>
    public async Task<string?> SendOnceAsync(Uri address, byte[] body, bool expectAllowed)
    {
        using var client = CreateClient(1);
        using var abort = new CancellationTokenSource(RequestTimeout + Grace);
        return await SendAsync(client, Validate(address), body, new byte[64 * 1024], expectAllowed, abort.Token);
    }

    /// <summary>How an endpoint frames its answer: status, version, length or chunked, content type, body size.</summary>
    public async Task<string> DescribeAnswerAsync(Uri address, byte[] body)
    {
        using var client = CreateClient(1);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Validate(address)) { Content = content, Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        var framing = response.Headers.TransferEncodingChunked == true ? "Transfer-Encoding: chunked" : $"Content-Length: {response.Content.Headers.ContentLength}";
        return $"HTTP/{response.Version} {(int)response.StatusCode}, {framing}, Content-Type: {response.Content.Headers.ContentType}, {answer.Length} bytes";
    }

    /// <summary>The TLS an endpoint negotiates with this client's settings: protocol, cipher suite, ALPN.</summary>
    public async Task<string> DescribeTlsAsync(Uri address)
    {
        var uri = Validate(address);
        using var tcp = new TcpClient();
        using var abort = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(uri.Host, uri.Port, abort.Token);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = uri.Host,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors),
        }, abort.Token);
        return $"{tls.SslProtocol}, {tls.NegotiatedCipherSuite}, ALPN {tls.NegotiatedApplicationProtocol}, server certificate {tls.RemoteCertificate?.Subject}";
    }

    private async Task SteadyWorkerAsync(HttpClient client, Uri uri, byte[] body, bool expectAllowed, Run run, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= run.End)
            {
                return;
            }

            var error = await SendAsync(client, uri, body, buffer, expectAllowed, cancellationToken);
            run.Record(error, begin, Stopwatch.GetTimestamp(), _samples);
        }
    }

    private async Task OnceEachWorkerAsync(HttpClient client, Uri uri, IReadOnlyList<byte[]> bodies, bool expectAllowed, Run run, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < run.End)
        {
            var next = Interlocked.Increment(ref run.Next) - 1;
            if (next >= bodies.Count)
            {
                return;
            }

            var begin = Stopwatch.GetTimestamp();
            var error = await SendAsync(client, uri, bodies[next], buffer, expectAllowed, cancellationToken);
            run.Record(error, begin, Stopwatch.GetTimestamp(), _samples);
        }
    }

    /// <summary>One POST, its whole answer read into <paramref name="buffer"/> and checked. Null when the answer is as expected.</summary>
    private static async Task<string?> SendAsync(HttpClient client, Uri uri, byte[] body, byte[] buffer, bool expectAllowed, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = content,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    return "answer larger than " + buffer.Length + " bytes";
                }
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}: {Excerpt(buffer, length)}";
            }

            return Reviews.IsExpectedAnswer(buffer.AsSpan(0, length), expectAllowed) ? null : "unexpected answer: " + Excerpt(buffer, length);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private HttpClient CreateClient(int workers)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = workers,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors),
            },
        };
        return new HttpClient(handler) { Timeout = RequestTimeout };
    }

    private RunResult Summarize(Target target, int workers, int round, Run run, double? decisionsBefore, double seconds, CpuSnapshot cpuFrom, CpuSnapshot cpuTo)
    {
        var recorded = Math.Min(run.Count, _samples.Length);
        var samples = _samples.AsSpan(0, recorded);
        samples.Sort();

        var ours = CpuSnapshot.ProcessShare(cpuFrom, cpuTo);

        // Every answered request, warm-up included, must be the intended decision in the service's own metrics.
        var answered = run.Sent - run.Errors;
        var wrong = decisionsBefore is { } before ? answered - (long)(target.Decisions!() - before) : 0;
        return new RunResult(target.Scenario, workers, round, run.Count, seconds,
            Percentile(samples, 0.50), Percentile(samples, 0.99), Percentile(samples, 0.999), recorded == 0 ? double.NaN : Milliseconds(samples[^1]),
            run.Sent, run.Errors, wrong, run.Count - recorded, run.FirstError,
            run.Count == 0 ? double.NaN : (cpuTo.ProcessCpu - cpuFrom.ProcessCpu).TotalMicroseconds / run.Count,
            ours, CpuSnapshot.MachineShare(cpuFrom, cpuTo) - ours);
    }

    /// <summary>Nearest-rank percentile of sorted tick samples, in milliseconds.</summary>
    private static double Percentile(ReadOnlySpan<long> sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static Uri Validate(Uri address) =>
        address.Host == "127.0.0.1" && address.Scheme == Uri.UriSchemeHttps
            ? new Uri(address, "/validate/eviction")
            : throw new ArgumentException($"only https://127.0.0.1 targets are benchmarked, not {address}");

    private static string Excerpt(byte[] buffer, int length) => Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 300));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Shared state of one run; workers update it with interlocked operations only.</summary>
    private sealed class Run
    {
        public long MeasureStart;
        public long End;
        public int Count;
        public int Next;
        public long Sent;
        public long Errors;
        public string? FirstError;

        /// <summary>Counts the request; records its latency when it succeeded and completed inside the measured window.</summary>
        public void Record(string? error, long begin, long end, long[]? samples)
        {
            Interlocked.Increment(ref Sent);
            if (error is not null)
            {
                Interlocked.Increment(ref Errors);
                Interlocked.CompareExchange(ref FirstError, error, null);
                return;
            }

            if (samples is not null && end >= MeasureStart && end <= End)
            {
                var index = Interlocked.Increment(ref Count) - 1;
                if (index < samples.Length)
                {
                    samples[index] = end - begin;
                }
            }
        }
    }
}
