using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.CustomResources;

/// <summary>
/// The repository's own CRDs (manifests/crds), embedded at build time, so a fresh fake server serves PodMigrations
/// with the schema, printer columns and selectable fields a cluster with the manifests applied has.
/// </summary>
internal static class EmbeddedCustomResourceDefinitions
{
    /// <summary>The CRD in <c>manifests/crds/{fileName}</c> as the JSON a client would POST.</summary>
    public static JsonObject Load(string fileName)
    {
        using var stream = typeof(EmbeddedCustomResourceDefinitions).Assembly.GetManifestResourceStream("crds/" + fileName)
            ?? throw new InvalidOperationException($"CRD {fileName} is not embedded in the simulator");
        using var reader = new StreamReader(stream);
        // Through the typed model: YAML scalars come out typed (minimum: 0 a number, "True" a string) as kubectl sends them.
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(reader.ReadToEnd());
        return JsonNode.Parse(KubernetesJson.Serialize(crd))!.AsObject();
    }
}
