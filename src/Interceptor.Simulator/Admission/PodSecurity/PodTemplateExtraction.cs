using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// admission.go DefaultPodSpecExtractor: the pod a pod controller would create, from its template. Only these
/// kinds are evaluated (for warn and audit, never enforce: their pods are judged when they are created).
/// </summary>
internal static class PodTemplateExtraction
{
    /// <summary>The pod of a Pod, the template of a workload, or null when the object has none (or is no such kind).</summary>
    public static PodUnderReview? Of(ResourceType resource, JsonObject obj) => TemplatePath(resource) switch
    {
        null => null,
        [] => obj["spec"] is JsonObject spec ? new PodUnderReview(obj["metadata"] as JsonObject, spec) : null,
        var path => Template(obj, path),
    };

    public static bool IsPod(ResourceType resource) => resource.Group == "" && resource.Plural == "pods";

    private static PodUnderReview? Template(JsonObject obj, string[] path)
    {
        JsonNode? template = obj;
        foreach (var step in path)
        {
            template = template?[step];
        }
        return template?["spec"] is JsonObject spec ? new PodUnderReview(template["metadata"] as JsonObject, spec) : null;
    }

    private static string[]? TemplatePath(ResourceType resource) => (resource.Group, resource.Plural) switch
    {
        ("", "pods") => [],
        ("", "podtemplates") => ["template"],
        ("", "replicationcontrollers") or ("apps", "replicasets" or "deployments" or "statefulsets" or "daemonsets")
            or ("batch", "jobs") => ["spec", "template"],
        ("batch", "cronjobs") => ["spec", "jobTemplate", "spec", "template"],
        _ => null,
    };
}
