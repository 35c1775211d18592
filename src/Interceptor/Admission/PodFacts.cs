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
    string? OnFailureAnnotation,
    string? ReleaseAnnotation)
{
    public static PodFacts From(V1Pod pod)
    {
        var meta = pod.Metadata;
        var controllerKind = meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Kind;
        return new PodFacts(
            meta.NamespaceProperty ?? "",
            meta.Name ?? "",
            meta.Uid ?? "",
            pod.Spec?.NodeName,
            pod.Status?.Phase,
            meta.DeletionTimestamp is not null,
            controllerKind,
            NodeBoundPods.IsStaticOrMirror(meta.Annotations, controllerKind),
            meta.Label(Labels.Migrate),
            meta.Annotation(Annotations.OnFailure),
            meta.Annotation(Annotations.Release));
    }
}
