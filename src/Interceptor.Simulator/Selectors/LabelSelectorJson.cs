using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Selectors;

/// <summary>
/// A <c>metav1.LabelSelector</c> object (<c>matchLabels</c> and <c>matchExpressions</c>), as PDBs and
/// webhook namespaceSelectors carry it, turned into the same <see cref="LabelSelector"/> the query string gives.
/// </summary>
public static class LabelSelectorJson
{
    /// <summary>The selector, or null when it is malformed (metav1.LabelSelectorAsSelector would fail).</summary>
    public static LabelSelector? Parse(JsonNode? node)
    {
        if (node is null)
        {
            return LabelSelector.Everything;
        }
        if (node is not JsonObject selector)
        {
            return null;
        }
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                var text = Meta.String(labels, key);
                if (text is null && value is not null)
                {
                    return null;
                }
                requirements.Add(new LabelRequirement(key, LabelOperator.In, new HashSet<string> { text ?? "" }));
            }
        }
        foreach (var expression in selector["matchExpressions"] as JsonArray ?? [])
        {
            var requirement = Expression(expression);
            if (requirement is null)
            {
                return null;
            }
            requirements.Add(requirement);
        }
        return new LabelSelector(requirements);
    }

    private static LabelRequirement? Expression(JsonNode? expression)
    {
        var key = Meta.String(expression, "key");
        var values = (expression?["values"] as JsonArray ?? []).Select(v => v is JsonValue s && s.TryGetValue<string>(out var text) ? text : "").ToHashSet();
        LabelOperator? op = Meta.String(expression, "operator") switch
        {
            "In" when values.Count > 0 => LabelOperator.In,
            "NotIn" when values.Count > 0 => LabelOperator.NotIn,
            "Exists" when values.Count == 0 => LabelOperator.Exists,
            "DoesNotExist" when values.Count == 0 => LabelOperator.DoesNotExist,
            _ => null,
        };
        return key is null || op is null ? null : new LabelRequirement(key, op.Value, values);
    }
}
