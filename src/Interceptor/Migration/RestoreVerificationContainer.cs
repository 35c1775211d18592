using k8s.Models;

namespace Interceptor.Migration;

/// <summary>One container's part of <see cref="RestoreVerification"/>: spec, then life (waiting, terminated, restarted), then the image signal.</summary>
internal static class RestoreVerificationContainer
{
    // The kubelet's own waiting reasons while a container is still on its way (kubelet_pods.go defaultWaitingState);
    // an empty reason is a container the runtime created but has not started yet.
    private static readonly HashSet<string> OnItsWay = new(StringComparer.Ordinal) { "", "ContainerCreating", "PodInitializing" };

    public static RestoreCheck Check(V1Pod pod, string name, string checkpointImage)
    {
        var spec = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == name);
        if (spec is null)
        {
            return new(RestoreCheckOutcome.Unverifiable, name, $"container {name}: the replacement has no such container");
        }
        if (spec.Image != checkpointImage)
        {
            return new(RestoreCheckOutcome.ColdStart, name,
                $"container {name}: the spec names image {spec.Image}, not the checkpoint image {checkpointImage}; no restore was asked for");
        }

        var status = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == name);
        return status is null ? NotYet(name, "no status yet") : Life(status, checkpointImage);
    }

    private static RestoreCheck Life(V1ContainerStatus status, string checkpointImage)
    {
        var name = status.Name;
        if (status.RestartCount > 0)
        {
            // A second start is from the same checkpoint again (process state rolled back) or cold: never a good restore.
            return Failed(name, $"restarted {status.RestartCount} time(s){LastState(status.LastState)}");
        }
        if (status.State?.Terminated is { } terminated)
        {
            return Failed(name, $"terminated: {Reason(terminated.Reason, terminated.Message)} (exit code {terminated.ExitCode})");
        }
        if (status.State?.Running is not null)
        {
            return ImageSignal(status, checkpointImage);
        }
        if (status.State?.Waiting is { } waiting && !OnItsWay.Contains(waiting.Reason ?? ""))
        {
            // CreateContainerError, ErrImagePull, ImagePullBackOff, RunContainerError, CrashLoopBackOff...: the message is the runtime's.
            return Failed(name, $"waiting: {Reason(waiting.Reason, waiting.Message)}");
        }
        return NotYet(name, $"waiting: {status.State?.Waiting?.Reason ?? "no state"}");
    }

    /// <summary>Running: which image does the runtime say the container was created from?</summary>
    private static RestoreCheck ImageSignal(V1ContainerStatus status, string checkpointImage)
    {
        var name = status.Name;
        var reported = DigestOf(status.ImageID);
        var wanted = DigestOf(checkpointImage);
        if (wanted is null)
        {
            return new(RestoreCheckOutcome.Unverifiable, name,
                $"container {name}: the checkpoint image {checkpointImage} is not pinned by digest, so imageID cannot be compared with it");
        }
        if (reported is null)
        {
            return new(RestoreCheckOutcome.Unverifiable, name,
                $"container {name}: running, but imageID \"{status.ImageID}\" names no repository digest to tell a restore from a cold start");
        }
        if (string.Equals(reported, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return new(RestoreCheckOutcome.ColdStart, name,
                $"container {name}: running the checkpoint image {status.ImageID} as an ordinary image; the runtime did not restore it");
        }
        return new(RestoreCheckOutcome.Restored, name,
            $"container {name}: restored; the runtime reports the base image {status.Image} ({status.ImageID}) instead of {checkpointImage}");
    }

    /// <summary>The digest of NAME@DIGEST (also docker-pullable://NAME@DIGEST); null for a bare ID or an unpinned name.</summary>
    private static string? DigestOf(string? reference)
    {
        var at = reference?.LastIndexOf('@') ?? -1;
        return at > 0 && reference!.IndexOf(':', at) > at + 1 ? reference[(at + 1)..] : null;
    }

    private static string LastState(V1ContainerState? last) => last switch
    {
        { Terminated: { } t } => $"; last terminated: {Reason(t.Reason, t.Message)} (exit code {t.ExitCode})",
        { Waiting: { } w } => $"; last waiting: {Reason(w.Reason, w.Message)}",
        _ => "",
    };

    private static string Reason(string? reason, string? message) =>
        string.IsNullOrEmpty(message) ? reason ?? "no reason" : $"{reason ?? "no reason"}: {message}";

    private static RestoreCheck Failed(string name, string seen) => new(RestoreCheckOutcome.Failed, name, $"container {name}: {seen}");

    private static RestoreCheck NotYet(string name, string seen) => new(RestoreCheckOutcome.NotYet, name, $"container {name}: {seen}");
}
