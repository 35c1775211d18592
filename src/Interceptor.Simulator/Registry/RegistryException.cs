using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// A registry error as the distribution spec answers it: an HTTP status and one entry of the
/// <c>{"errors":[{"code","message","detail"}]}</c> body. Thrown anywhere in a request, written in one place.
/// </summary>
internal sealed class RegistryException(int status, string code, string message, JsonNode? detail = null)
    : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>One of the spec's codes (<see cref="RegistryErrors"/>): upper case and underscores only.</summary>
    public string Code { get; } = code;

    public JsonNode? Detail { get; } = detail;

    /// <summary>Headers the answer must carry besides the body (for example the upload's Range on a 416).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
