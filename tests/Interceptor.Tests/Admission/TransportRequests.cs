using System.Text;
using Interceptor.Admission;
using Interceptor.Tests.Builders;
using Interceptor.Tests.Support;

namespace Interceptor.Tests.Admission;

/// <summary>
/// Generates requests broken below JSON, in the HTTP/1.1 framing itself, deterministically (fixed seed): lying
/// Content-Lengths, broken chunking, conflicting framing headers, trickling bodies, and pipelined or keep-alive
/// mixes of good and bad requests on one connection. Each case says how the client ends (half-close, silence,
/// reset) and what it must get back; none may get a 5xx.
/// </summary>
public static class TransportRequests
{
    /// <summary>How the client ends once its bytes are written.</summary>
    public enum Ending
    {
        /// <summary>
        /// close_notify and a TCP half-close: the request is over. Kestrel takes the end of its input for a client gone
        /// and drops the answer, so only the server's side (its log, no 5xx) can be checked.
        /// </summary>
        HalfClose,

        /// <summary>Nothing more: the server has to notice the stall itself.</summary>
        Stall,

        /// <summary>A TCP reset mid-request: nobody reads an answer.</summary>
        Reset,

        /// <summary>The connection stays open for keep-alive; the expected answers are read, then it closes.</summary>
        KeepOpen,
    }

    /// <summary>In <see cref="Case.Expected"/>: any 4xx.</summary>
    public const int AnyClientError = 4;

    /// <summary>In <see cref="Case.Expected"/>: any answer but a 5xx (Kestrel may tolerate it, as chunk extensions).</summary>
    public const int AnyButServerError = 0;

    /// <param name="Expected">The statuses that must come first, in order: exact, <see cref="AnyClientError"/> or <see cref="AnyButServerError"/>.</param>
    public sealed record Case(string Kind, string Path, IReadOnlyList<byte[]> Writes, Ending End, int[] Expected, TimeSpan Pause = default)
    {
        /// <summary>Responses to read: until the server closes after a half-close, else the expected ones.</summary>
        public int MaxResponses => End == Ending.HalfClose ? int.MaxValue : Expected.Length;

        public bool Accepts(RawOutcome outcome) =>
            outcome.Statuses.All(s => s < 500)
            && outcome.Statuses.Count >= Expected.Length
            && Expected.Select((e, i) => Matches(e, outcome.Statuses[i])).All(m => m);

        private static bool Matches(int expected, int status) => expected switch
        {
            AnyClientError => status is >= 400 and < 500,
            AnyButServerError => status < 500,
            _ => status == expected,
        };
    }

    public static IEnumerable<Case> All(int seed = 1137) =>
        new[] { EvictionAdmissionEndpoint.Path, PodAdmissionEndpoint.Path }.SelectMany(path => For(path, new Random(seed)));

    /// <summary>A valid review for the endpoint: what a good request carries.</summary>
    public static string ValidBody(string path) => path == PodAdmissionEndpoint.Path
        ? AdmissionReviews.PodCreate(TestPods.Namespace, TestPods.Pod("transport", TestPods.OptedIn())).ToJsonString()
        : AdmissionReviews.Eviction(TestPods.Namespace, "transport").ToJsonString();

    private static IEnumerable<Case> For(string path, Random random)
    {
        var body = ValidBody(path);
        return LengthShorterThanBody(path, body, random)
            .Concat(LengthLongerThanBody(path, body, random))
            .Concat(BrokenChunking(path, body, random))
            .Concat(ConflictingFraming(path, body))
            .Concat(Trickling(path, body))
            .Concat(KeepAliveMixes(path, body, random));
    }

    /// <summary>The declared length cuts the body: a truncated review, and the rest read as the next request.</summary>
    private static IEnumerable<Case> LengthShorterThanBody(string path, string body, Random random)
    {
        int[] fixedCuts = [0, 1, body.Length / 2, body.Length - 1];
        foreach (var declared in fixedCuts.Concat(Enumerable.Range(0, 6).Select(_ => random.Next(2, body.Length - 1))))
        {
            foreach (var end in new[] { Ending.HalfClose, Ending.Stall })
            {
                yield return new($"length-shorter {declared}/{body.Length} {end}", path, [Bytes(WithLength(path, body, declared))], end, Refused(end));
            }
        }
    }

    /// <summary>The declared length promises more than comes: the end of the stream, silence, or a reset follows.</summary>
    private static IEnumerable<Case> LengthLongerThanBody(string path, string body, Random random)
    {
        foreach (var extra in new[] { 1, 64, 4096, random.Next(2, 100_000), 1024 * 1024 })
        {
            foreach (var sent in new[] { 0, body.Length / 2, body.Length })
            {
                var request = Bytes(WithLength(path, body, body.Length + extra)[..^(body.Length - sent)]);
                foreach (var end in new[] { Ending.HalfClose, Ending.Stall, Ending.Reset })
                {
                    yield return new($"length-longer +{extra} sent {sent} {end}", path, [request], end, Refused(end));
                }
            }
        }
    }

    private static IEnumerable<Case> BrokenChunking(string path, string body, Random random)
    {
        for (var variant = 0; variant < 2; variant++)
        {
            foreach (var (fault, chunked, expected) in ChunkFaults.Of(body, random))
            {
                var request = Bytes(Head(path, "Transfer-Encoding: chunked\r\n") + chunked);
                foreach (var end in new[] { Ending.HalfClose, Ending.Stall, Ending.Reset })
                {
                    yield return new($"chunked {fault} {end}", path, [request], end, end == Ending.Stall ? [expected] : []);
                }
            }
        }
    }

    /// <summary>Framing headers that contradict each other or cannot be read.</summary>
    private static IEnumerable<Case> ConflictingFraming(string path, string body)
    {
        var chunked = ChunkFaults.Encode(body);
        (string Kind, string Request, int Expected)[] cases =
        [
            ("length and chunked", Head(path, $"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n") + chunked, AnyButServerError),
            ("two lengths", Head(path, $"Content-Length: {body.Length}\r\nContent-Length: {body.Length - 1}\r\n") + body, AnyClientError),
            ("length not a number", Head(path, $"Content-Length: {body.Length}ab\r\n") + body, AnyClientError),
            ("negative length", Head(path, "Content-Length: -1\r\n") + body, AnyClientError),
            ("signed length", Head(path, $"Content-Length: +{body.Length}\r\n") + body, AnyButServerError),
            ("final coding not chunked", Head(path, "Transfer-Encoding: chunked, gzip\r\n") + chunked, AnyClientError),
        ];
        // Refused or accepted on the headers alone: the answer comes whatever the client does next.
        return cases.Select(c => new Case($"framing {c.Kind}", path, [Bytes(c.Request)], Ending.Stall, [c.Expected]));
    }

    /// <summary>A body that keeps coming, far below the minimum data rate (240 B/s), with either framing.</summary>
    private static IEnumerable<Case> Trickling(string path, string body)
    {
        foreach (var (size, pause) in new[] { (1, 100), (8, 150), (20, 200) })
        {
            var head = Head(path, $"Content-Length: {body.Length}\r\n");
            yield return Trickle($"trickle length {size}B/{pause}ms", path, head, body, size, pause);
            yield return Trickle($"trickle chunked {size}B/{pause}ms", path, Head(path, "Transfer-Encoding: chunked\r\n"), ChunkFaults.Encode(body), size, pause);
        }
    }

    private static Case Trickle(string kind, string path, string head, string body, int size, int pause) =>
        new(kind, path, [Bytes(head), .. body.Chunk(size).Select(c => Bytes(new string(c)))], Ending.Stall, [AnyClientError], TimeSpan.FromMilliseconds(pause));

    /// <summary>Good and bad requests on one connection, pipelined in one write or sent one after another.</summary>
    private static IEnumerable<Case> KeepAliveMixes(string path, string body, Random random)
    {
        var good = WithLength(path, body);
        for (var variant = 0; variant < 3; variant++)
        {
            var truncated = body[..random.Next(1, body.Length - 1)];
            (string Kind, string[] Requests, int[] Expected)[] mixes =
            [
                ("good good", [good, good], [200, 200]),
                ("good good good", [good, good, good], [200, 200, 200]),
                ("malformed good", [WithLength(path, truncated), good], [400, 200]),
                ("malformed-chunked good", [Head(path, "Transfer-Encoding: chunked\r\n") + ChunkFaults.Encode(truncated), good], [400, 200]),
                ("invalid good", [WithLength(path, "{}"), good], [400, 200]),
                ("text/plain good", [Head(path, $"Content-Length: {body.Length}\r\n", "text/plain") + body, good], [415, 200]),
                ("chunked good", [Head(path, "Transfer-Encoding: chunked\r\n") + ChunkFaults.Encode(body), good], [200, 200]),
                ("good length-shorter", [good, WithLength(path, body, truncated.Length)], [200, AnyClientError]),
                ("good bad-hex-chunk", [good, Head(path, "Transfer-Encoding: chunked\r\n") + "zz\r\n" + body + "\r\n0\r\n\r\n"], [200, AnyClientError]),
            ];
            foreach (var (kind, requests, expected) in mixes)
            {
                yield return new($"pipelined {kind}", path, [Bytes(string.Concat(requests))], Ending.KeepOpen, expected);
                yield return new($"keep-alive {kind}", path, [.. requests.Select(Bytes)], Ending.KeepOpen, expected, TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>What a broken request must get back: a 4xx when the client waits for it, nothing checkable otherwise.</summary>
    private static int[] Refused(Ending end) => end == Ending.Stall ? [AnyClientError] : [];

    public static string Head(string path, string framing, string contentType = "application/json") =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\n{framing}\r\n";

    public static string WithLength(string path, string body, long? declared = null) => Head(path, $"Content-Length: {declared ?? body.Length}\r\n") + body;

    // Reviews serialize to ASCII (System.Text.Json escapes the rest), so one char is one byte; Latin-1 keeps control bytes as written.
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
