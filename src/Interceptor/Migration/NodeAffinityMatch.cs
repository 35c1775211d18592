using System.Globalization;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The pod's hard node constraints, as kubernetes pkg/scheduler/framework/plugins/nodeaffinity (Filter) applies them
/// through staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go: every nodeSelector
/// entry, and the required affinity's terms ORed, each term's requirements ANDed. Preferred terms only score, so
/// they are not checked here.
/// </summary>
public static class NodeAffinityMatch
{
    private const string NodeNameField = "metadata.name";

    /// <summary>The first nodeSelector entry the node's labels lack, as <c>key=value</c>; null when all match.</summary>
    public static string? UnmatchedSelector(IDictionary<string, string>? nodeSelector, V1Node node)
    {
        var labels = node.Metadata?.Labels;
        foreach (var (key, value) in (nodeSelector ?? new Dictionary<string, string>()).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return $"{key}={value}";
            }
        }

        return null;
    }

    /// <summary>
    /// True when there is no required affinity or one term matches. A term with neither expressions nor fields
    /// matches nothing, and so does a required affinity with no terms (upstream skips empty terms).
    /// </summary>
    public static bool MatchesRequired(V1Affinity? affinity, V1Node node)
    {
        var required = affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null)
        {
            return true;
        }

        return (required.NodeSelectorTerms ?? []).Any(term => MatchesTerm(term, node));
    }

    private static bool MatchesTerm(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        return expressions.All(r => MatchesLabel(r, labels)) && fields.All(r => MatchesField(r, node.Metadata?.Name ?? ""));
    }

    /// <summary>labels.Requirement.Matches: NotIn and DoesNotExist match a missing label; Gt and Lt compare one integer.</summary>
    public static bool MatchesLabel(V1NodeSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(requirement.Key ?? "", out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => has && values.Contains(value),
            "NotIn" => !has || !values.Contains(value),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && values.Count == 1 && Compare(value, values[0]) is > 0,
            "Lt" => has && values.Count == 1 && Compare(value, values[0]) is < 0,
            _ => false,
        };
    }

    /// <summary>matchFields supports only metadata.name with In or NotIn and exactly one value; anything else fails the term.</summary>
    private static bool MatchesField(V1NodeSelectorRequirement requirement, string nodeName)
    {
        if (requirement.Key != NodeNameField || requirement.Values is not { Count: 1 } values)
        {
            return false;
        }

        return requirement.OperatorProperty switch
        {
            "In" => nodeName == values[0],
            "NotIn" => nodeName != values[0],
            _ => false,
        };
    }

    /// <summary>Both sides as int64 (label values that are not integers never match Gt or Lt); null when either is not one.</summary>
    private static int? Compare(string? label, string bound) =>
        long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
        && long.TryParse(bound, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            ? l.CompareTo(b)
            : null;
}
