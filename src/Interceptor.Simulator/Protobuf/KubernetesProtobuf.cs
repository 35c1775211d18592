using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Protobuf;

/// <summary>
/// Request bodies in <c>application/vnd.kubernetes.protobuf</c>, which kubectl's typed clients (<c>create
/// namespace</c>, <c>create deployment</c>, ...) send for built-in kinds. client-go has no fallback to JSON for
/// protobuf: it retries as JSON after a 415 only for CBOR (rest/client.go UnsupportedMediaType), so the server
/// must read them, as the real one does (apimachinery runtime/serializer/protobuf).
/// </summary>
internal static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>protobuf.go's prefix before the runtime.Unknown envelope: "k8s" and a zero byte.</summary>
    private static readonly byte[] Prefix = "k8s\0"u8.ToArray();

    private const string Unknown = "k8s.io.apimachinery.pkg.runtime.Unknown";

    private static readonly ProtoJsonDecoder Decoder = new(ProtoDescriptors.Kubernetes);

    /// <summary>The object in the envelope as the JSON object the same request in JSON would have carried.</summary>
    public static JsonObject ToJson(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Prefix))
        {
            throw StatusErrors.BadRequest(
                $"provided data does not appear to be a protobuf message, expected prefix [{string.Join(' ', Prefix)}]");
        }
        var envelope = (JsonObject)Decoder.Decode(Unknown, body[Prefix.Length..])!;
        var apiVersion = envelope["typeMeta"]?["apiVersion"]?.GetValue<string>() ?? "";
        var kind = envelope["typeMeta"]?["kind"]?.GetValue<string>() ?? "";
        // Custom resources have no protobuf encoding; the real server's negotiation refuses the body with 415.
        var message = ProtoDescriptors.Kubernetes.FullNameOf(apiVersion, kind)
            ?? throw StatusErrors.UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
        var raw = Convert.FromBase64String(envelope["raw"]?.GetValue<string>() ?? "");
        var fields = (JsonObject)Decoder.Decode(message, raw)!;
        var json = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            json[name] = value;
        }
        return json;
    }
}
