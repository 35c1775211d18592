using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Api;
using k8s;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The replacement pod a migration restores on the target, and the patches around its commit (DESIGN section 5).
/// Pure: objects in, objects and patch bodies out.
/// </summary>
public static class ReplacementPods
{
    /// <summary>
    /// A copy of the source's spec with each running container's image set to its checkpoint image and the target
    /// node bound, and nothing of the source's identity (UID, owner, status). Volumes and mounts stay exactly as
    /// they were: CRI-O refuses a restore whose bind mounts differ from the checkpointed container's.
    /// </summary>
    /// <exception cref="ArgumentException">A running container has no checkpoint image, an image names no container,
    /// or a parked replacement would keep every owner-matching label.</exception>
    public static V1Pod Build(ReplacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Source?.Spec, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.TargetNode);
        ArgumentException.ThrowIfNullOrEmpty(request.MigrationName);
        var spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(request.Source.Spec));
        ReplacementSpec.Prepare(spec, request.TargetNode, request.CheckpointImages);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = Metadata(request),
            Spec = spec,
        };
    }

    /// <summary>
    /// The JSON merge patch that commits an owned replacement: the parked labels get the source's values back and
    /// <see cref="Annotations.ParkedLabels"/> goes. The ReplicaSet then adopts the replacement and, having one pod
    /// too many, deletes the source itself: not Ready and with the lowest deletion cost, it ranks first.
    /// </summary>
    public static string CommitPatch(V1Pod source) => CommitPatch(source, [Labels.PodTemplateHash]);

    /// <summary><see cref="CommitPatch(V1Pod)"/> for a replacement parked on other keys (<see cref="ReplacementRequest.ParkedLabelKeys"/>).</summary>
    public static string CommitPatch(V1Pod source, IEnumerable<string> parkedLabelKeys)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parkedLabelKeys);
        var labels = new JsonObject();
        foreach (var (key, value) in ParkedLabels.Originals(source, parkedLabelKeys))
        {
            labels[key] = value;
        }

        return MetadataPatch(labels, new JsonObject { [Annotations.ParkedLabels] = null });
    }

    /// <summary>
    /// The commit patch from the originals the parked replacement recorded itself (<see cref="Annotations.ParkedLabels"/>):
    /// for when its source is already gone, removed by its ReplicaSet for another migration's adoption.
    /// </summary>
    public static string CommitPatchFromRecord(V1Pod replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var labels = new JsonObject();
        foreach (var (key, value) in ParkedLabels.Recorded(replacement))
        {
            labels[key] = value;
        }

        return MetadataPatch(labels, new JsonObject { [Annotations.ParkedLabels] = null });
    }

    /// <summary>
    /// Merge patch giving the source the lowest pod-deletion-cost (int32 minimum). When the ReplicaSet adopts the
    /// replacement it has one pod too many and deletes the first in kubernetes pkg/controller/controller_utils.go
    /// ActivePodsWithRanks order; the source, already not Ready (its serving gate is False), must also lose every
    /// later tie-break, so that the replacement is never the one removed.
    /// </summary>
    public static string SourceDeletionCostPatch() =>
        MetadataPatch(null, new JsonObject { [Annotations.PodDeletionCost] = LowestDeletionCost });

    /// <summary>The int32 minimum, as the annotation spells it.</summary>
    public static string LowestDeletionCost { get; } = int.MinValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>Merge patch removing the deletion cost again (a rollback: the source is an ordinary replica once more).</summary>
    public static string RemoveDeletionCostPatch() => MetadataPatch(null, new JsonObject { [Annotations.PodDeletionCost] = null });

    /// <summary>A replacement still parked: it matches no selector of its owner until <see cref="CommitPatch(V1Pod)"/>.</summary>
    public static bool IsParked(V1Pod replacement) => replacement.Metadata?.Annotations?.ContainsKey(Annotations.ParkedLabels) == true;

    /// <summary>Deterministic from the source and the attempt, so a create retried after a crash finds its own pod.</summary>
    public static string NameFor(V1Pod source, int attempt)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReplacementNames.For(source.Metadata?.Name ?? "", source.Metadata?.Uid ?? "", attempt);
    }

    /// <summary>True when <paramref name="candidate"/> was created by the PodMigration named <paramref name="migrationName"/>.</summary>
    public static bool IsReplacementOf(V1Pod candidate, string migrationName)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return !string.IsNullOrEmpty(migrationName) && candidate.Metadata?.Annotation(Annotations.Migration) == migrationName;
    }

    /// <summary>
    /// Only name, namespace, labels and annotations survive: a UID, resourceVersion, owner or finalizer from the
    /// source would make the create fail or tie the replacement to the source's owner before it is Ready.
    /// </summary>
    private static V1ObjectMeta Metadata(ReplacementRequest request)
    {
        var source = request.Source.Metadata ?? new V1ObjectMeta();
        var labels = new Dictionary<string, string>(source.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var annotations = new Dictionary<string, string>(source.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(Annotations.PodDeletionCost);
        annotations.Remove(Annotations.ParkedLabels);
        annotations[Annotations.Migration] = request.MigrationName;
        annotations[Annotations.RestoredFrom] = source.Uid ?? "";
        if (request.Parked)
        {
            ParkedLabels.Park(labels, annotations, request.ParkedLabelKeys);
        }

        return new V1ObjectMeta
        {
            Name = NameFor(request.Source, request.Attempt),
            NamespaceProperty = source.NamespaceProperty,
            Labels = labels,
            Annotations = annotations,
        };
    }

    private static string MetadataPatch(JsonObject? labels, JsonObject? annotations)
    {
        var metadata = new JsonObject();
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = labels;
        }

        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject { ["metadata"] = metadata }.ToJsonString();
    }
}
