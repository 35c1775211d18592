using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// Pod graceful deletion as kube-apiserver does it (pod strategy <c>CheckGracefulDelete</c>, generic registry
/// <c>BeforeDelete</c>): the grace period is DeleteOptions.gracePeriodSeconds, else spec.terminationGracePeriodSeconds
/// (30 by default); an unscheduled or terminal pod, or a grace period of 0, goes at once; otherwise the pod stays with
/// deletionTimestamp = now + grace and deletionGracePeriodSeconds, and a second DELETE may only shorten it. The kubelet
/// removes it once its containers stopped.
/// </summary>
internal static class GracefulPodDeletion
{
    private const long DefaultGracePeriodSeconds = 30;

    /// <param name="hasKubelet">
    /// Whether a simulated kubelet runs (or ran) the node: pods on nodes nobody simulates keep the store's old
    /// behaviour, immediate removal, because no kubelet would ever finish their deletion.
    /// </param>
    public static DeletionDecision Decide(JsonObject pod, JsonObject? deleteOptions, DateTimeOffset now, Func<string, bool> hasKubelet)
    {
        var node = PodFields.NodeName(pod);
        var grace = PodFields.Integer(deleteOptions, "gracePeriodSeconds")
            ?? PodFields.Integer(pod["spec"], "terminationGracePeriodSeconds")
            ?? DefaultGracePeriodSeconds;
        if (string.IsNullOrEmpty(node) || PodFields.Phase(pod) is "Succeeded" or "Failed" || grace == 0 || !hasKubelet(node))
        {
            return DeletionDecision.RemoveNow;
        }
        // A negative grace period means "as soon as possible", which the server turns into 1 second.
        grace = Math.Max(grace, 1);
        var meta = Meta.Of(pod);
        var deadline = now + TimeSpan.FromSeconds(grace);
        if (PodFields.DeletionTimestamp(pod) is { } existing && PodFields.Integer(meta, "deletionGracePeriodSeconds") is { } existingGrace)
        {
            // Only a shorter grace period changes a pending deletion, counted from when the first DELETE came.
            if (grace >= existingGrace)
            {
                return DeletionDecision.KeepAs(pod);
            }
            deadline = existing - TimeSpan.FromSeconds(existingGrace) + TimeSpan.FromSeconds(grace);
        }
        meta["deletionTimestamp"] = CreateDefaults.Rfc3339(deadline);
        meta["deletionGracePeriodSeconds"] = grace;
        return DeletionDecision.KeepAs(pod);
    }
}
