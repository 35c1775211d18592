using System.Text.Json.Nodes;
using Interceptor.Simulator.Selectors;

namespace Interceptor.Simulator.Controllers;

/// <summary>Reading a workload's <c>spec.selector</c>.</summary>
internal static class WorkloadSelectors
{
    /// <summary>
    /// The selector, or null when it is malformed or empty: validation refuses both on a real server, and an
    /// empty selector would claim every pod in the namespace.
    /// </summary>
    public static LabelSelector? Of(JsonObject workload) =>
        LabelSelectorJson.Parse(workload["spec"]?["selector"] ?? new JsonObject()) is { Requirements.Count: > 0 } selector
            ? selector
            : null;

    public static ObjectFilter InNamespace(string ns) => new(ns, LabelSelector.Everything, FieldSelector.Everything);
}
