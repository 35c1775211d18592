namespace Interceptor.Tests.Admission;

/// <summary>
/// A body in chunked transfer coding (random chunk sizes), and the ways to break that coding: one chunk at a random
/// place gets a bad size line, a missing or bare line end, wrong data length or extension garbage, or the final
/// chunk is cut. Extensions and odd spacing may be tolerated by Kestrel, so they expect any answer but a 5xx.
/// </summary>
public static class ChunkFaults
{
    private delegate string Piece(string data);

    public static string Encode(string body) => string.Concat(Split(body, new Random(body.Length)).Select(Good)) + "0\r\n\r\n";

    public static IEnumerable<(string Fault, string Chunked, int Expected)> Of(string body, Random random)
    {
        var pieces = Split(body, random);
        var broken = random.Next(pieces.Count);
        string With(Piece fault) => string.Concat(pieces.Select((p, i) => i == broken ? fault(p) : Good(p))) + "0\r\n\r\n";
        string Ending(string last) => string.Concat(pieces.Select(Good)) + last;
        const int Refused = TransportRequests.AnyClientError;
        const int Tolerated = TransportRequests.AnyButServerError;

        yield return ("size not hex", With(p => $"zz\r\n{p}\r\n"), Refused);
        yield return ("negative size", With(p => $"-{p.Length:x}\r\n{p}\r\n"), Refused);
        yield return ("0x size", With(p => $"0x{p.Length:x}\r\n{p}\r\n"), Refused);
        yield return ("overflowing size", With(p => $"fffffffffffffffffffff\r\n{p}\r\n"), Refused);
        yield return ("empty size line", With(p => $"\r\n{p}\r\n"), Refused);
        yield return ("size then space", With(p => $"{p.Length:x} 1\r\n{p}\r\n"), Tolerated);
        yield return ("space then size", With(p => $" {p.Length:x}\r\n{p}\r\n"), Tolerated);
        yield return ("bare LF after size", With(p => $"{p.Length:x}\n{p}\r\n"), Tolerated);
        yield return ("no line end after size", With(p => $"{p.Length:x}{p}\r\n"), Refused);
        yield return ("no line end after data", With(p => $"{p.Length:x}\r\n{p}"), Refused);
        yield return ("data longer than size", With(p => $"{p.Length:x}\r\n{p}xyz\r\n"), Refused);
        yield return ("data shorter than size", With(p => $"{p.Length + 7:x}\r\n{p}\r\n"), Refused);
        yield return ("extension control bytes", With(p => $"{p.Length:x};\u0001\u007f\r\n{p}\r\n"), Tolerated);
        yield return ("extension unterminated quote", With(p => $"{p.Length:x};a=\"open\r\n{p}\r\n"), Tolerated);
        yield return ("extension without name", With(p => $"{p.Length:x};=\r\n{p}\r\n"), Tolerated);
        yield return ("extension bare CR", With(p => $"{p.Length:x};a\rb\r\n{p}\r\n"), Tolerated);
        yield return ("extension 20000 bytes", With(p => $"{p.Length:x};{new string('x', 20_000)}\r\n{p}\r\n"), Tolerated);
        yield return ("no final chunk", Ending(""), Refused);
        yield return ("final chunk without blank line", Ending("0\r\n"), Refused);
        yield return ("final chunk cut", Ending("0"), Refused);
        yield return ("final chunk half line end", Ending("0\r\n\r"), Refused);
        yield return ("trailer not a header", Ending("0\r\nnot a header\r\n\r\n"), Tolerated);
    }

    private static string Good(string data) => $"{data.Length:x}\r\n{data}\r\n";

    private static List<string> Split(string body, Random random)
    {
        var pieces = new List<string>();
        for (var at = 0; at < body.Length;)
        {
            var size = Math.Min(random.Next(1, 300), body.Length - at);
            pieces.Add(body.Substring(at, size));
            at += size;
        }

        return pieces;
    }
}
