using System.Globalization;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Patching;

/// <summary>RFC 6901 JSON pointer, resolved against a mutable JSON tree.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(IReadOnlyList<string> tokens) => Tokens = tokens;

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer([]);
        }
        if (text[0] != '/')
        {
            throw new JsonPatchException($"invalid JSON pointer \"{text}\"");
        }
        // ~1 before ~0, as RFC 6901 §4 requires, so "~01" decodes to "~1".
        return new JsonPointer([.. text[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"))]);
    }

    /// <summary>True when this pointer is <paramref name="other"/> or lies inside it.</summary>
    public bool IsWithin(JsonPointer other) =>
        other.Tokens.Count <= Tokens.Count && other.Tokens.SequenceEqual(Tokens.Take(other.Tokens.Count));

    /// <summary>The container holding the target: every token but the last must resolve.</summary>
    public JsonNode Parent(JsonNode root)
    {
        var node = root;
        for (var i = 0; i < Tokens.Count - 1; i++)
        {
            node = Child(node, Tokens[i]) ?? throw new JsonPatchException($"path {Format()} does not exist");
        }
        return node;
    }

    /// <summary>Resolves the whole pointer; throws when any part is missing.</summary>
    public JsonNode? Resolve(JsonNode root)
    {
        if (IsRoot)
        {
            return root;
        }
        var parent = Parent(root);
        if (parent is JsonObject o && o.TryGetPropertyValue(Last, out var value))
        {
            return value;
        }
        if (parent is JsonArray a)
        {
            return a[Index(a, Last, allowEnd: false)];
        }
        throw new JsonPatchException($"path {Format()} does not exist");
    }

    public static int Index(JsonArray array, string token, bool allowEnd)
    {
        if (allowEnd && token == "-")
        {
            return array.Count;
        }
        var max = allowEnd ? array.Count : array.Count - 1;
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > max)
        {
            throw new JsonPatchException($"array index \"{token}\" is out of bounds");
        }
        return index;
    }

    public string Format() => "/" + string.Join('/', Tokens);

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a => a[Index(a, token, allowEnd: false)],
        _ => null,
    };
}
