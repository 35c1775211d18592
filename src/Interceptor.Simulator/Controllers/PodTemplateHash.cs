using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The <c>pod-template-hash</c> value (controller.ComputeHash): FNV-32a of the template and the collision count,
/// encoded with rand.SafeEncodeString. The real hash runs over a spew dump of the Go struct, which JSON cannot
/// reproduce, so the values differ from a real cluster's; the form (up to 10 characters of
/// <c>bcdfghjklmnpqrstvwxz2456789</c>) and the property (same template, same hash) are the same.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject? template, long collisionCount = 0)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes((template?.ToJsonString() ?? "{}") + collisionCount.ToString(CultureInfo.InvariantCulture)))
        {
            hash = (hash ^ b) * 16777619u;
        }
        // SafeEncodeString maps each character of the decimal text into the alphabet.
        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(c => Alphabet[c % Alphabet.Length]));
    }

    /// <summary>deployment util EqualIgnoreHash: two templates equal once the hash label is taken out of both.</summary>
    public static bool EqualIgnoringHash(JsonObject? a, JsonObject? b) => JsonNode.DeepEquals(WithoutHash(a), WithoutHash(b));

    private static JsonNode? WithoutHash(JsonObject? template)
    {
        var copy = template?.DeepClone().AsObject();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(Label);
        return copy;
    }
}
