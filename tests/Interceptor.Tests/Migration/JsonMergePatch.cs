using System.Text.Json.Nodes;
using k8s;

namespace Interceptor.Tests.Migration;

/// <summary>RFC 7386 JSON merge patch, applied by hand so tests see what the API server would store.</summary>
internal static class JsonMergePatch
{
    public static T Apply<T>(T target, string patch)
    {
        var document = JsonNode.Parse(KubernetesJson.Serialize(target))!;
        var merged = Merge(document, JsonNode.Parse(patch));
        return KubernetesJson.Deserialize<T>(merged!.ToJsonString());
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result.Remove(key);
                result[key] = Merge(existing?.DeepClone(), value);
            }
        }

        return result;
    }
}
