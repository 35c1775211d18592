using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>controller_utils.go GetPodFromTemplate: a pod from a template, owned by its controller.</summary>
internal static class PodTemplates
{
    /// <summary>
    /// The pod a controller creates: the template's labels, annotations, finalizers and spec, the controller
    /// reference, and either a fixed <paramref name="name"/> (StatefulSet) or generateName <c>{owner}-</c>.
    /// </summary>
    public static JsonObject NewPod(JsonObject owner, ResourceType ownerType, JsonObject? template, string? name = null)
    {
        var templateMeta = template?["metadata"] as JsonObject;
        var metadata = new JsonObject { ["namespace"] = Meta.Namespace(owner) };
        if (name is null)
        {
            metadata["generateName"] = $"{Meta.Name(owner)}-";
        }
        else
        {
            metadata["name"] = name;
        }
        foreach (var key in new[] { "labels", "annotations", "finalizers" })
        {
            if (templateMeta?[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }
        metadata["ownerReferences"] = new JsonArray(OwnerReferences.NewControllerRef(owner, ownerType));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>The template's labels as a JsonObject (empty when it has none).</summary>
    public static JsonObject Labels(JsonObject? template) => template?["metadata"]?["labels"] as JsonObject ?? [];
}
