using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Admission;

/// <summary>
/// The few facts about a pod the eviction decision needs. The webhook caches these instead of whole pods,
/// so a cluster-wide pod cache stays small (a few hundred bytes a pod).
/// </summary>
public sealed record PodFacts(
    string Namespace,
    string Name,
    string Uid,
    string? NodeName,
    string? Phase,
    bool Terminating,
    string? ControllerKind,
    bool IsStaticOrMirror,
    string? MigrateLabel,
    string? OnFailureAnnotation)
{
    public static PodFacts From(V1Pod pod)
    {
        var meta = pod.Metadata;
        return new PodFacts(
            meta.NamespaceProperty ?? "",
            meta.Name ?? "",
            meta.Uid ?? "",
            pod.Spec?.NodeName,
            pod.Status?.Phase,
            meta.DeletionTimestamp is not null,
            meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Kind,
            IsStatic(meta),
            meta.Label(Labels.Migrate),
            meta.Annotation(Annotations.OnFailure));
    }

    // A mirror pod carries the mirror annotation; a static pod read by the kubelet from a file or URL says so in
    // its config source. The Node owner reference is how the API server marks mirror pods since 1.17.
    private static bool IsStatic(V1ObjectMeta meta) =>
        meta.Annotations?.ContainsKey(Annotations.MirrorPod) == true
        || meta.Annotation(Annotations.ConfigSource) is "file" or "http"
        || meta.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "Node") == true;
}
