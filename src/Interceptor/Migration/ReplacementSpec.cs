using k8s.Models;

namespace Interceptor.Migration;

/// <summary>The changes a copied pod spec needs to become a restore on the target; everything else stays as the source had it.</summary>
internal static class ReplacementSpec
{
    public static void Prepare(V1PodSpec spec, string targetNode, IReadOnlyDictionary<string, string> checkpointImages)
    {
        ArgumentNullException.ThrowIfNull(checkpointImages);
        // Binding by spec.nodeName bypasses the scheduler: TargetSelection has already applied its filters.
        spec.NodeName = targetNode;
        // Gates would hold a pod the scheduler never sees forever; the source already passed them.
        spec.SchedulingGates = null;
        // Debug containers belong to the source's life; they cannot be set at create time anyway.
        spec.EphemeralContainers = null;
        // The priority admission plugin (kubernetes plugin/pkg/admission/priority/admission.go) forbids a create
        // whose priority or preemptionPolicy differs from what it resolves from priorityClassName; it fills both again.
        spec.Priority = null;
        spec.PreemptionPolicy = null;
        SetCheckpointImages(spec, checkpointImages);
    }

    /// <summary>
    /// Every container still running when the source was checkpointed restores from its image: the app containers
    /// and the sidecars (init containers with restartPolicy Always). Plain init containers finished before the
    /// checkpoint and run again from their own image. A missing or unknown name is a bug in the caller, never a cold start.
    /// </summary>
    private static void SetCheckpointImages(V1PodSpec spec, IReadOnlyDictionary<string, string> checkpointImages)
    {
        var running = (spec.Containers ?? []).Concat((spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always")).ToList();
        foreach (var container in running)
        {
            container.Image = checkpointImages.TryGetValue(container.Name, out var image) && !string.IsNullOrEmpty(image)
                ? image
                : throw new ArgumentException($"Container '{container.Name}' has no checkpoint image.", nameof(checkpointImages));
        }

        var unknown = checkpointImages.Keys.Except(running.Select(c => c.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Checkpoint images name containers the pod does not run: {string.Join(", ", unknown)}.", nameof(checkpointImages));
        }
    }
}
