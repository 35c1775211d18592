using Interceptor.Api;

namespace Interceptor.Admission.Guards;

/// <summary>
/// Only opted-in pods are migrated: the pod's own label wins (true or false), then a namespace-wide opt-in.
/// Everything else is evicted as if Interceptor were not installed.
/// </summary>
public sealed class PodMustBeOptedIn : IEvictionGuard
{
    public EvictionDecision? Evaluate(EvictionObservation observation) =>
        IsOptedIn(observation.Pod!.MigrateLabel, observation.NamespaceMigrateLabel)
            ? null
            : new AllowEviction(AdmissionReasons.NotOptedIn, "pod is not opted in to live migration");

    public static bool IsOptedIn(string? podLabel, string? namespaceLabel) => podLabel switch
    {
        Labels.PodOptedIn => true,
        Labels.PodOptedOut => false,
        _ => namespaceLabel == Labels.NamespaceAllPods,
    };
}
