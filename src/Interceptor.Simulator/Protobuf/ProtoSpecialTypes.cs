using System.Globalization;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Protobuf;

/// <summary>
/// The apimachinery types whose Go MarshalJSON differs from their protobuf fields: a Time is an RFC 3339 string,
/// a Quantity its string, an IntOrString a number or a string, a RawExtension or FieldsV1 the JSON it carries.
/// </summary>
internal static class ProtoSpecialTypes
{
    private const string Meta = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    private static readonly Dictionary<string, Func<JsonObject, JsonNode?>> Converters = new(StringComparer.Ordinal)
    {
        // metav1.Time marshals whole seconds, UTC; the zero Time marshals as null.
        [Meta + "Time"] = f => Timestamp(f, "yyyy-MM-dd'T'HH:mm:ss'Z'"),
        [Meta + "MicroTime"] = f => Timestamp(f, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
        [Meta + "Duration"] = f => GoDuration(Number(f, "duration")),
        [Meta + "FieldsV1"] = f => EmbeddedJson(f, "Raw"),
        ["k8s.io.apimachinery.pkg.runtime.RawExtension"] = f => EmbeddedJson(f, "raw"),
        ["k8s.io.apimachinery.pkg.api.resource.Quantity"] = f => f["string"]?.GetValue<string>() ?? "0",
        // intstr.IntOrString: type 0 is Int, 1 is String.
        ["k8s.io.apimachinery.pkg.util.intstr.IntOrString"] = f =>
            Number(f, "type") == 1 ? f["strVal"]?.GetValue<string>() ?? "" : (int)Number(f, "intVal"),
    };

    public static bool TryConvert(string fullName, JsonObject fields, out JsonNode? json)
    {
        json = null;
        if (!Converters.TryGetValue(fullName, out var convert))
        {
            return false;
        }
        json = convert(fields);
        return true;
    }

    private static JsonNode? Timestamp(JsonObject fields, string format)
    {
        var seconds = Number(fields, "seconds");
        var nanos = Number(fields, "nanos");
        if (seconds == 0 && nanos == 0)
        {
            return null;
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Go's time.Duration.String for the whole-second values API fields hold: "1h2m3s", "0s".</summary>
    private static string GoDuration(long nanoseconds)
    {
        var span = TimeSpan.FromTicks(nanoseconds / 100);
        var hours = (long)span.TotalHours;
        var text = (hours > 0 ? $"{hours}h" : "") + (hours > 0 || span.Minutes > 0 ? $"{span.Minutes}m" : "");
        var seconds = span.Seconds + (span.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        return text + seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>The bytes of a JSON-carrying field (base64 in the decoded fields) parsed back into JSON.</summary>
    private static JsonNode? EmbeddedJson(JsonObject fields, string name) =>
        fields[name]?.GetValue<string>() is { Length: > 0 } base64
            ? JsonNode.Parse(Convert.FromBase64String(base64))
            : null;

    private static long Number(JsonObject fields, string name) =>
        fields[name] is JsonValue value ? long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : 0;
}
