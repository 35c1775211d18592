using System.Text.Json.Nodes;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// Drops fields the schema does not specify (apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go),
/// unless <c>x-kubernetes-preserve-unknown-fields</c> keeps them. At the resource root (and in embedded resources)
/// <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are left alone: ObjectMeta has its own coercion upstream.
/// </summary>
internal static class SchemaPruning
{
    private static readonly string[] ResourceRootFields = ["apiVersion", "kind", "metadata"];

    public static void Prune(JsonObject obj, StructuralSchema schema) => PruneObject(obj, schema, isResourceRoot: true);

    private static void Prune(JsonNode? node, StructuralSchema schema)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, schema.EmbeddedResource);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Prune(item, items);
                }
                break;
        }
    }

    private static void PruneObject(JsonObject obj, StructuralSchema schema, bool isResourceRoot)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (isResourceRoot && ResourceRootFields.Contains(key))
            {
                continue;
            }
            if (schema.Properties.TryGetValue(key, out var property) || (property = schema.AdditionalProperties) is not null)
            {
                Prune(obj[key], property);
            }
            else if (!schema.PreserveUnknownFields)
            {
                obj.Remove(key);
            }
        }
    }
}
