using System.Text.Json.Nodes;
using Interceptor.Simulator.Validation;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// <c>x-kubernetes-list-type</c> set and map (apiextensions-apiserver pkg/apiserver/schema/listtype/validation.go):
/// a set's items, and a map's key tuples, must be unique; a repeat is field.Duplicate at the repeating index,
/// valued with the repeated item (set) or its keys (map).
/// </summary>
internal static class ListTypes
{
    public static void Validate(JsonArray array, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.ListType is not ("set" or "map"))
        {
            return;
        }
        var seen = new List<JsonNode?>();
        for (var i = 0; i < array.Count; i++)
        {
            var key = schema.ListType == "map" ? KeyOf(array[i], schema.ListMapKeys) : array[i];
            if (seen.Any(s => JsonNode.DeepEquals(s, key)))
            {
                errors.Add(FieldError.Duplicate($"{path}[{i}]", key?.DeepClone()));
            }
            else
            {
                seen.Add(key);
            }
        }
    }

    /// <summary>The map keys of one item; also how transition rules pair an item with its old self.</summary>
    public static JsonObject KeyOf(JsonNode? item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var name in keys)
        {
            key[name] = (item as JsonObject)?[name]?.DeepClone();
        }
        return key;
    }
}
