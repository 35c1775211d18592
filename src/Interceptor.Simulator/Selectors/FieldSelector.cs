using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Selectors;

/// <summary>One <c>field=value</c> or <c>field!=value</c> term.</summary>
public sealed record FieldRequirement(string Field, string Value, bool Negated)
{
    public bool Matches(JsonObject obj) => (FieldSelector.ValueAt(obj, Field) == Value) != Negated;
}

/// <summary>
/// A parsed <c>fieldSelector</c>. The field names are JSON paths (<c>spec.nodeName</c>), so any
/// resource can declare its own labels; a missing field compares as the empty string, like the
/// real server's field sets.
/// </summary>
public sealed class FieldSelector(IReadOnlyList<FieldRequirement> requirements)
{
    public static readonly FieldSelector Everything = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; } = requirements;

    public bool Matches(JsonObject obj) => Requirements.All(r => r.Matches(obj));

    public static FieldSelector Parse(string? text, ResourceType resource)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        return new FieldSelector([.. text.Split(',').Select(term => ParseTerm(term.Trim(), resource))]);
    }

    internal static string ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }
        return node is JsonValue v ? Render(v) : "";
    }

    private static string Render(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    private static FieldRequirement ParseTerm(string term, ResourceType resource)
    {
        foreach (var (token, negated) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var field = term[..at].Trim();
            if (!resource.SupportsFieldLabel(field))
            {
                throw StatusErrors.BadRequest($"field label not supported: {field}");
            }
            return new FieldRequirement(field, term[(at + token.Length)..].Trim(), negated);
        }
        throw StatusErrors.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }
}
