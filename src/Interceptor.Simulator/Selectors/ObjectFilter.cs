using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Selectors;

/// <summary>What a list or watch wants to see: one namespace (or all) and both selectors.</summary>
public sealed record ObjectFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public static readonly ObjectFilter Everything = new(null, LabelSelector.Everything, FieldSelector.Everything);

    public bool Matches(JsonObject obj) =>
        (Namespace is null || (Meta.Namespace(obj) ?? "") == Namespace) && Labels.Matches(obj) && Fields.Matches(obj);
}
