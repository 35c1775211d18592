using System.Text.RegularExpressions;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Selectors;

/// <summary>
/// Parses <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>,
/// joined by commas. Commas inside parentheses belong to the set, so splitting tracks depth.
/// </summary>
internal static partial class LabelSelectorParser
{
    public static IReadOnlyList<LabelRequirement> Parse(string text) =>
        [.. SplitTopLevel(text).Select(ParseRequirement)];

    private static LabelRequirement ParseRequirement(string raw)
    {
        var term = raw.Trim();
        var set = SetTerm().Match(term);
        if (set.Success)
        {
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries);
            var op = set.Groups["op"].Value == "in" ? LabelOperator.In : LabelOperator.NotIn;
            return Requirement(set.Groups["key"].Value, op, values);
        }
        if (term.StartsWith('!'))
        {
            return Requirement(term[1..].Trim(), LabelOperator.DoesNotExist, []);
        }
        foreach (var (token, op) in new[] { ("!=", LabelOperator.NotIn), ("==", LabelOperator.In), ("=", LabelOperator.In) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                return Requirement(term[..at].Trim(), op, [term[(at + token.Length)..].Trim()]);
            }
        }
        return Requirement(term, LabelOperator.Exists, []);
    }

    private static LabelRequirement Requirement(string key, LabelOperator op, string[] values)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!'))
        {
            throw StatusErrors.BadRequest($"unable to parse requirement: invalid label key \"{key}\"");
        }
        return new LabelRequirement(key, op, values.ToHashSet(StringComparer.Ordinal));
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (depth != 0)
        {
            throw StatusErrors.BadRequest($"unable to parse requirement: unbalanced parentheses in \"{text}\"");
        }
        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>\S+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetTerm();
}
