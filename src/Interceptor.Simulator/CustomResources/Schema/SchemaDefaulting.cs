using System.Text.Json.Nodes;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// Fills in <c>default</c>s (apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go): a property that
/// is absent, or null where the schema is not nullable, gets a copy of its default; then the walk goes down into
/// properties, map values and list items. Upstream runs it when a request body is decoded and when an object is
/// read from etcd, so defaults added to a CRD later show up on stored objects too.
/// </summary>
internal static class SchemaDefaulting
{
    public static void Default(JsonNode? node, StructuralSchema schema)
    {
        switch (node)
        {
            case JsonObject obj:
                DefaultObject(obj, schema);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Default(item, items);
                }
                break;
        }
    }

    private static void DefaultObject(JsonObject obj, StructuralSchema schema)
    {
        foreach (var (key, property) in schema.Properties)
        {
            if (property.Default is { } value && (!obj.ContainsKey(key) || (obj[key] is null && !property.Nullable)))
            {
                obj[key] = value.DeepClone();
            }
        }
        foreach (var (key, child) in obj.ToList())
        {
            if (schema.Properties.TryGetValue(key, out var property) || (property = schema.AdditionalProperties) is not null)
            {
                Default(child, property);
            }
        }
    }
}
