using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Patching.Apply;

/// <summary>
/// One field of an object as structured-merge-diff names it (sigs.k8s.io/structured-merge-diff fieldpath): steps
/// <c>f:name</c> (a member), <c>k:{"type":"Ready"}</c> (the item of an associative list with that key) and
/// <c>v:"x"</c> (a value of a set), the tokens of <c>managedFields[].fieldsV1</c>.
/// </summary>
internal sealed record FieldPath(IReadOnlyList<string> Steps)
{
    public FieldPath Then(string step) => new([.. Steps, step]);

    public bool Equals(FieldPath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => Steps.Aggregate(17, (h, s) => HashCode.Combine(h, s));

    /// <summary>fieldpath.Path.String(): <c>.spec.containers[name="app"].image</c>, as conflict messages print it.</summary>
    public override string ToString() => string.Concat(Steps.Select(Print));

    private static string Print(string step) => step[..2] switch
    {
        "f:" => "." + step[2..],
        "k:" => "[" + string.Join(",", ((JsonObject)JsonNode.Parse(step[2..])!).Select(kv => $"{kv.Key}={kv.Value!.ToJsonString()}")) + "]",
        _ => "[=" + step[2..] + "]",
    };
}
