using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Selectors;

/// <summary>A parsed <c>labelSelector</c>: all requirements must match (comma means AND).</summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    public LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool Matches(JsonObject obj) => Requirements.All(r => r.Matches(obj));

    /// <summary>Parses the query-string syntax; throws a 400 Status on malformed input.</summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Everything : new LabelSelector(LabelSelectorParser.Parse(text));
}
