using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// When an ordinary pod's <c>interceptor.dev/serving</c> gate is first opened. The mutating webhook gives every opted-in
/// pod the gate at creation; without someone setting it True the pod would never be Ready.
/// </summary>
public static class ServingGate
{
    /// <summary>
    /// True once the pod's containers are ready and nobody has set the condition yet. Never when it is set already
    /// (False means a migration took traffic off: that is not ours to undo), never for a migration's replacement (its
    /// migration opens the gate only after verifying the restore), never for a terminating pod.
    /// </summary>
    public static bool ShouldOpen(V1Pod pod, string replacementAnnotation) =>
        PodInspection.HasServingGate(pod)
        && PodInspection.Serving(pod) is null
        && !PodInspection.IsTerminating(pod)
        && pod.Metadata.Annotations?.ContainsKey(replacementAnnotation) != true
        && PodInspection.Condition(pod, "ContainersReady") == PodConditionTypeStatus.True;
}
