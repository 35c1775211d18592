using System.Text.Json.Nodes;
using Interceptor.Simulator.Cel;
using Interceptor.Simulator.Validation;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// <c>x-kubernetes-validations</c> (apiextensions-apiserver pkg/apiserver/schema/cel/validation.go): at each node the
/// rules run with <c>self</c> (and <c>oldSelf</c>), then the walk goes down. A transition rule (one that reads
/// <c>oldSelf</c>) runs only where the node has an old counterpart: on update, through object properties present in
/// both, map values by key, and <c>map</c>/<c>set</c> list items by key or value (atomic lists do not correlate).
/// A failed rule is field.Invalid valued with the schema's type name, e.g. <c>spec.podUID: Invalid value:
/// "string": podUID is immutable</c>.
/// </summary>
internal static class SchemaRules
{
    public static void Validate(JsonNode? node, JsonNode? old, bool hasOld, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (!schema.HasRules || node is null)
        {
            return;
        }
        Evaluate(node, old, hasOld, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                ValidateProperties(obj, old as JsonObject, hasOld, schema, path, errors);
                break;
            case JsonArray array when schema.Items is { } items:
                ValidateItems(array, old as JsonArray, hasOld, schema, items, path, errors);
                break;
        }
    }

    private static void Evaluate(JsonNode node, JsonNode? old, bool hasOld, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Rules.Count == 0)
        {
            return;
        }
        var variables = new Dictionary<string, object?> { ["self"] = CelValues.From(node) };
        if (hasOld)
        {
            variables["oldSelf"] = CelValues.From(old);
        }
        foreach (var rule in schema.Rules.Where(r => hasOld || !r.Rule.UsesOldSelf))
        {
            var result = rule.Rule.Evaluate(variables);
            var at = rule.FieldPath is { Length: > 0 } fieldPath ? path + (fieldPath.StartsWith('.') ? fieldPath : "." + fieldPath) : path;
            if (result.Error is { } error)
            {
                errors.Add(FieldError.Invalid(at, schema.Type ?? "", $"{rule.Rule.Text.Trim()}: {error}"));
            }
            else if (!result.IsTrue)
            {
                errors.Add(FieldError.Invalid(at, schema.Type ?? "", rule.MessageOrDefault));
            }
        }
    }

    private static void ValidateProperties(JsonObject obj, JsonObject? old, bool hasOld, StructuralSchema schema, string path, List<FieldError> errors)
    {
        foreach (var (key, value) in obj)
        {
            if (schema.Properties.TryGetValue(key, out var property) || (property = schema.AdditionalProperties) is not null)
            {
                var childHasOld = hasOld && old is not null && old.ContainsKey(key);
                Validate(value, childHasOld ? old![key] : null, childHasOld, property, SchemaValidator.Child(path, key), errors);
            }
        }
    }

    private static void ValidateItems(
        JsonArray array, JsonArray? old, bool hasOld, StructuralSchema schema, StructuralSchema items, string path, List<FieldError> errors)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var counterpart = hasOld && old is not null ? Correlate(array[i], old, schema) : null;
            Validate(array[i], counterpart, counterpart is not null, items, $"{path}[{i}]", errors);
        }
    }

    private static JsonNode? Correlate(JsonNode? item, JsonArray old, StructuralSchema schema) => schema.ListType switch
    {
        "map" => old.FirstOrDefault(o => JsonNode.DeepEquals(ListTypes.KeyOf(o, schema.ListMapKeys), ListTypes.KeyOf(item, schema.ListMapKeys))),
        "set" => old.FirstOrDefault(o => JsonNode.DeepEquals(o, item)),
        _ => null,
    };
}
