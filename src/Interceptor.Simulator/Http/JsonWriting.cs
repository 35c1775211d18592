using System.Text.Encodings.Web;
using System.Text.Json;

namespace Interceptor.Simulator.Http;

/// <summary>
/// Writer settings for every response: minimal escaping so messages read like the real server's
/// (<c>\"</c> rather than <c>\u0022</c>); output is still valid JSON for any client.
/// </summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
