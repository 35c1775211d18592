using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Selectors;

/// <summary>The operators of a label selector requirement.</summary>
public enum LabelOperator
{
    Exists,
    DoesNotExist,
    In,
    NotIn,
}

/// <summary>
/// One requirement. Equality is <see cref="LabelOperator.In"/> with one value and inequality is
/// <see cref="LabelOperator.NotIn"/>, which is how k8s.io/apimachinery/pkg/labels models them too.
/// </summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlySet<string> Values)
{
    public bool Matches(JsonObject obj)
    {
        var value = Meta.Label(obj, Key);
        var has = Meta.HasLabel(obj, Key);
        return Operator switch
        {
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.In => has && value is not null && Values.Contains(value),
            // A missing label satisfies != and notin, as in Kubernetes.
            LabelOperator.NotIn => !has || value is null || !Values.Contains(value),
            _ => false,
        };
    }
}
