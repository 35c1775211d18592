using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces.</summary>
public static class MergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> in place.</summary>
    public static void Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw StatusErrors.BadRequest("a merge patch for an object must be a JSON object");
        }
        MergeInto(target, patchObject);
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject valueObject && target[key] is JsonObject existing)
            {
                // Merge in place: re-assigning a node that already has a parent would throw.
                MergeInto(existing, valueObject);
            }
            else
            {
                target[key] = Fresh(value);
            }
        }
    }

    /// <summary>A patch value merged onto nothing: a copy with null members of objects removed (RFC 7386 §2).</summary>
    private static JsonNode Fresh(JsonNode value)
    {
        if (value is not JsonObject valueObject)
        {
            return value.DeepClone();
        }
        var result = new JsonObject();
        MergeInto(result, valueObject);
        return result;
    }
}
