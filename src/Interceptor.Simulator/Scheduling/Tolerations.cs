using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Scheduling;

/// <summary>k8s.io/api core/v1 toleration.go ToleratesTaint, over a pod's <c>spec.tolerations</c>.</summary>
internal static class Tolerations
{
    public static bool Tolerates(JsonObject pod, string key, string value, string effect) =>
        (pod["spec"]?["tolerations"] as JsonArray ?? []).OfType<JsonObject>().Any(t => ToleratesTaint(t, key, value, effect));

    private static bool ToleratesTaint(JsonObject toleration, string key, string value, string effect)
    {
        var tolerationEffect = Meta.String(toleration, "effect") ?? "";
        var tolerationKey = Meta.String(toleration, "key") ?? "";
        if ((tolerationEffect.Length > 0 && tolerationEffect != effect) || (tolerationKey.Length > 0 && tolerationKey != key))
        {
            return false;
        }
        return (Meta.String(toleration, "operator") ?? "Equal") switch
        {
            "Exists" => true,
            "Equal" or "" => (Meta.String(toleration, "value") ?? "") == value,
            _ => false,
        };
    }
}
