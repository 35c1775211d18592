using System.Collections.Concurrent;
using System.Net;
using Interceptor.Admission;
using Interceptor.Tests.Support;
using Serilog.Events;
using Xunit;
using Xunit.Abstractions;
using static Interceptor.Tests.Admission.TransportRequests;

namespace Interceptor.Tests.Admission;

/// <summary>
/// Hostile requests down to the transport, on raw TCP+TLS connections to the live webhook port: broken framing is
/// the client's mistake, answered with a 4xx (400, or 408 for a stalled body) and at most a Warning, never a 5xx or
/// an Error, and the server keeps serving.
/// </summary>
public sealed class TransportHostileRequestTests(WebhookFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookFixture>
{
    // Above the 2 s grace of the minimum body data rate plus Kestrel's 1 s timer, with room for a loaded machine.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_broken_transport_gets_a_4xx_never_a_5xx_and_the_server_stays_healthy()
    {
        var cases = All().ToList();
        Assert.True(cases.Count >= 500, $"only {cases.Count} cases generated");
        var logged = fixture.Host.Logs.Events.Count;

        var outcomes = new ConcurrentBag<(Case Case, RawOutcome Outcome)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => outcomes.Add((c, await RunAsync(c))));

        Report(outcomes);
        var serverErrors = outcomes.Where(o => o.Outcome.Statuses.Any(s => s >= 500)).ToList();
        var unexpected = outcomes.Where(o => !o.Case.Accepts(o.Outcome)).ToList();
        Assert.True(serverErrors.Count == 0, "5xx: " + Describe(serverErrors));
        Assert.True(unexpected.Count == 0, "not answered as expected: " + Describe(unexpected));
        AssertNoErrorLoggedSince(logged);
        await AssertStillServingAsync();
    }

    // Each ends in silence, the client waiting for its answer: a half-closed connection gets none from Kestrel.
    public static TheoryData<string, int> Examples => new()
    {
        { "a body shorter than its Content-Length", 408 },
        { "a Content-Length shorter than the body", 400 },
        { "a chunk size that is not hexadecimal", 400 },
        { "a chunk carrying more data than its size", 400 },
        { "a chunked body without its final chunk", 408 },
        { "a body trickling below the minimum data rate", 408 },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_broken_body_gets_its_4xx_and_a_warning_not_an_error(string example, int status)
    {
        var logged = fixture.Host.Logs.Events.Count;
        var c = Example(example, status);

        var outcome = await RunAsync(c);

        Assert.True(c.Accepts(outcome), $"answered {outcome}");
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => fixture.Host.Logs.Events.Skip(logged).Any(e => e.Level == LogEventLevel.Warning && InMemoryLogSink.Scalar(e, "StatusCode") == code),
            because: $"no Warning with status {status} was logged");
        AssertNoErrorLoggedSince(logged);
    }

    private static Case Example(string example, int status)
    {
        var path = EvictionAdmissionEndpoint.Path;
        var body = ValidBody(path);
        var chunked = Head(path, "Transfer-Encoding: chunked\r\n");
        byte[][] request = example switch
        {
            "a body shorter than its Content-Length" => [Bytes(WithLength(path, body, body.Length + 100))],
            "a Content-Length shorter than the body" => [Bytes(WithLength(path, body, body.Length - 100))],
            "a chunk size that is not hexadecimal" => [Bytes(chunked + "zz\r\n" + body + "\r\n0\r\n\r\n")],
            "a chunk carrying more data than its size" => [Bytes(chunked + $"{body.Length - 1:x}\r\n" + body + "\r\n0\r\n\r\n")],
            "a chunked body without its final chunk" => [Bytes(chunked + ChunkFaults.Encode(body)[..^5])],
            "a body trickling below the minimum data rate" => [Bytes(Head(path, $"Content-Length: {body.Length}\r\n")), .. body.Select(c => Bytes(c.ToString()))],
            _ => throw new ArgumentOutOfRangeException(nameof(example), example, "no such example"),
        };
        return new(example, path, request, Ending.Stall, [status], TimeSpan.FromMilliseconds(request.Length > 1 ? 100 : 0));
    }

    /// <summary>Writes the case's bytes while reading whatever comes back, so an early answer stops the writing.</summary>
    private async Task<RawOutcome> RunAsync(Case c)
    {
        await using var connection = await RawTlsConnection.OpenAsync(fixture.Host.WebhookAddress, fixture.Certificates);
        var reading = c.End == Ending.Reset ? Task.FromResult(new RawOutcome([], "reset")) : connection.ReadResponsesAsync(c.MaxResponses, ReadTimeout);
        foreach (var write in c.Writes)
        {
            if (reading.IsCompleted || !await TryAsync(() => connection.WriteAsync(write)))
            {
                break;
            }

            if (c.Pause > TimeSpan.Zero)
            {
                await Task.WhenAny(reading, Task.Delay(c.Pause));
            }
        }

        await EndAsync(connection, c.End);
        return await reading;
    }

    private static async Task EndAsync(RawTlsConnection connection, Ending end)
    {
        if (end == Ending.HalfClose)
        {
            await TryAsync(connection.CloseWriteAsync);
        }
        else if (end == Ending.Reset)
        {
            // Let the server start on the body first: the reset must land mid-request.
            await Task.Delay(50);
            connection.Reset();
        }
    }

    // The server may close first (it answered already): writing then fails, which is no finding. So does OpenSSL's
    // "shutdown while in init" when the server tore the session down while the client was still finishing it.
    private static async Task<bool> TryAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Only since the given count: the fixture's start logs its not-ready probes at Error (the health check service does).</summary>
    private void AssertNoErrorLoggedSince(int logged)
    {
        var errors = fixture.Host.Logs.Events.Skip(logged).Where(e => e.Level >= LogEventLevel.Error).ToList();
        Assert.True(errors.Count == 0, "logged at Error: " + string.Join("; ", errors.Take(5).Select(e => e.RenderMessage() + " " + e.Exception?.GetType().Name)));
    }

    private async Task AssertStillServingAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Health.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Health.GetAsync("/readyz")).StatusCode);
        foreach (var path in new[] { EvictionAdmissionEndpoint.Path, PodAdmissionEndpoint.Path })
        {
            using var response = await fixture.Host.Webhook.PostAsync(path, AdmissionReviews.Json(ValidBody(path)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private void Report(IEnumerable<(Case Case, RawOutcome Outcome)> outcomes)
    {
        var list = outcomes.ToList();
        output.WriteLine($"{list.Count} cases");
        foreach (var group in list.GroupBy(o => $"{o.Case.Kind.Split(' ')[0]} -> {string.Join(",", o.Outcome.Statuses)} {o.Outcome.End}").OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
        }

        foreach (var group in list.GroupBy(o => o.Outcome.Statuses.Count == 0 ? "no response" : o.Outcome.Statuses[0].ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(g => g.Key))
        {
            output.WriteLine($"first status {group.Key}: {group.Count()}");
        }
    }

    private static string Describe(IEnumerable<(Case Case, RawOutcome Outcome)> failures) =>
        string.Join("; ", failures.Take(15).Select(f => $"{f.Case.Path} {f.Case.Kind} -> {f.Outcome}"));
}
