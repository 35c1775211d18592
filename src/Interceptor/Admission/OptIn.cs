using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// The opt-in rule, in one place for every path that asks it (the eviction guard, the pod mutation): the pod's own
/// <see cref="Labels.Migrate"/> label wins (true or false), then a namespace-wide opt-in. Pure.
/// </summary>
public static class OptIn
{
    public static bool IsOptedIn(string? podLabel, string? namespaceLabel) => podLabel switch
    {
        Labels.PodOptedIn => true,
        Labels.PodOptedOut => false,
        _ => namespaceLabel == Labels.NamespaceAllPods,
    };

    /// <summary>True when the pod's label settles the question, so the namespace need not be looked up at all.</summary>
    public static bool PodDecides(string? podLabel) => podLabel is Labels.PodOptedIn or Labels.PodOptedOut;
}
