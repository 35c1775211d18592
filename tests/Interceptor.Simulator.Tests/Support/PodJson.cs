using System.Text.Json.Nodes;
using k8s;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>Typed client objects to the raw JSON the store takes.</summary>
public static class PodJson
{
    public static JsonObject From(object typed) => JsonNode.Parse(KubernetesJson.Serialize(typed))!.AsObject();
}
