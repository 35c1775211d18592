using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The autoscaling/v1 Scale a workload's <c>scale</c> subresource shows (registry scaleFromDeployment and kin):
/// the workload's identity, <c>spec.replicas</c>, <c>status.replicas</c> and the selector as a string.
/// </summary>
internal static class WorkloadScale
{
    public static JsonObject From(JsonObject workload)
    {
        var metadata = new JsonObject();
        foreach (var key in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            metadata[key] = workload["metadata"]?[key]?.DeepClone();
        }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = JsonNumbers.Long(workload["spec"], "replicas") },
            ["status"] = new JsonObject
            {
                ["replicas"] = JsonNumbers.Long(workload["status"], "replicas"),
                ["selector"] = SelectorText(workload["spec"]?["selector"]),
            },
        };
    }

    /// <summary>labels.Selector.String(): requirements sorted by key, <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k</c>, <c>!k</c>.</summary>
    public static string SelectorText(JsonNode? selector)
    {
        var parsed = LabelSelectorJson.Parse(selector) ?? LabelSelector.Everything;
        return string.Join(",", parsed.Requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(Requirement));
    }

    private static string Requirement(LabelRequirement r)
    {
        var values = r.Values.Order(StringComparer.Ordinal).ToList();
        return (r.Operator, values.Count) switch
        {
            (LabelOperator.Exists, _) => r.Key,
            (LabelOperator.DoesNotExist, _) => $"!{r.Key}",
            (LabelOperator.In, 1) => $"{r.Key}={values[0]}",
            (LabelOperator.NotIn, 1) => $"{r.Key}!={values[0]}",
            (LabelOperator.In, _) => $"{r.Key} in ({string.Join(",", values)})",
            _ => $"{r.Key} notin ({string.Join(",", values)})",
        };
    }
}
