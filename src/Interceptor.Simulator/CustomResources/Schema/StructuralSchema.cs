using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interceptor.Simulator.Cel;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// One node of a CRD version's structural schema (apiextensions-apiserver pkg/apiserver/schema/types.go
/// Structural): the parts that pruning, defaulting and validation read. Parsed from the CRD's JSON once.
/// </summary>
internal sealed class StructuralSchema
{
    public string? Type { get; private init; }

    public string? Format { get; private init; }

    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();

    public StructuralSchema? Items { get; private init; }

    /// <summary>A map's value schema (additionalProperties with a schema).</summary>
    public StructuralSchema? AdditionalProperties { get; private init; }

    public IReadOnlyList<string> Required { get; private init; } = [];

    public JsonArray? Enum { get; private init; }

    public JsonNode? Default { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public long? MaxLength { get; private init; }

    public long? MinLength { get; private init; }

    public long? MaxItems { get; private init; }

    public long? MinItems { get; private init; }

    public Regex? Pattern { get; private init; }

    public bool Nullable { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool IntOrString { get; private init; }

    public bool EmbeddedResource { get; private init; }

    /// <summary>x-kubernetes-list-type: atomic (the default), set or map.</summary>
    public string ListType { get; private init; } = "atomic";

    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    public IReadOnlyList<ValidationRule> Rules { get; private init; } = [];

    /// <summary>Whether this node or one below it carries CEL rules (the walk skips rule-free subtrees).</summary>
    public bool HasRules { get; private init; }

    public static StructuralSchema Parse(JsonObject json)
    {
        var properties = (json["properties"] as JsonObject ?? [])
            .Where(p => p.Value is JsonObject)
            .ToDictionary(p => p.Key, p => Parse(p.Value!.AsObject()));
        var items = json["items"] is JsonObject itemJson ? Parse(itemJson) : null;
        var additional = json["additionalProperties"] is JsonObject additionalJson ? Parse(additionalJson) : null;
        var rules = ParseRules(json["x-kubernetes-validations"]);
        return new StructuralSchema
        {
            Type = Meta.String(json, "type"),
            Format = Meta.String(json, "format"),
            Properties = properties,
            Items = items,
            AdditionalProperties = additional,
            Required = Strings(json["required"]),
            Enum = json["enum"] as JsonArray,
            Default = json["default"]?.DeepClone(),
            Minimum = Number(json["minimum"]),
            Maximum = Number(json["maximum"]),
            ExclusiveMinimum = Flag(json, "exclusiveMinimum"),
            ExclusiveMaximum = Flag(json, "exclusiveMaximum"),
            MaxLength = Integer(json["maxLength"]),
            MinLength = Integer(json["minLength"]),
            MaxItems = Integer(json["maxItems"]),
            MinItems = Integer(json["minItems"]),
            Pattern = Meta.String(json, "pattern") is { } pattern ? new Regex(pattern, RegexOptions.CultureInvariant) : null,
            Nullable = Flag(json, "nullable"),
            PreserveUnknownFields = Flag(json, "x-kubernetes-preserve-unknown-fields"),
            IntOrString = Flag(json, "x-kubernetes-int-or-string"),
            EmbeddedResource = Flag(json, "x-kubernetes-embedded-resource"),
            ListType = Meta.String(json, "x-kubernetes-list-type") ?? "atomic",
            ListMapKeys = Strings(json["x-kubernetes-list-map-keys"]),
            Rules = rules,
            HasRules = rules.Count > 0 || properties.Values.Any(p => p.HasRules) || items?.HasRules == true || additional?.HasRules == true,
        };
    }

    private static List<ValidationRule> ParseRules(JsonNode? rules) =>
    [
        .. (rules as JsonArray ?? []).OfType<JsonObject>().Select(rule => new ValidationRule(
            CelExpression.Compile(Meta.String(rule, "rule") ?? "true"),
            Meta.String(rule, "message") ?? "",
            Meta.String(rule, "fieldPath"))),
    ];

    private static List<string> Strings(JsonNode? list) =>
        [.. (list as JsonArray ?? []).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];

    private static bool Flag(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static long? Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : Number(node) is { } real ? (long)real : null;
}
