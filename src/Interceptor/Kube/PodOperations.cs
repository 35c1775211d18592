using System.Text.Json;
using Interceptor.Api;
using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// The controller's writes to pods, each idempotent: doing it twice (a retry, a restart) leaves the same state, and
/// "already so" or "already gone" counts as done. Every write that names a pod by name also pins its UID, so a new
/// pod of the same name is never touched by mistake.
/// </summary>
public sealed class PodOperations(IKubernetes client)
{
    public async Task<V1Pod?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<V1Node?> GetNodeAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            return await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Sets the <c>interceptor.dev/serving</c> condition through pods/status (the kubelet never writes conditions it does not
    /// own, so this is ours alone). A strategic merge keyed by condition type leaves the kubelet's conditions alone.
    /// </summary>
    public Task SetServingAsync(V1Pod pod, bool serving, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        var patch = JsonSerializer.Serialize(new
        {
            metadata = new { uid = pod.Metadata.Uid },
            status = new
            {
                conditions = new[]
                {
                    new { type = PodConditionTypes.Serving, status = serving ? "True" : "False", reason, message, lastTransitionTime = now.ToString("yyyy-MM-ddTHH:mm:ssZ") },
                },
            },
        });
        return client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch),
            pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }

    /// <summary>A JSON merge patch of the pod's metadata or spec (labels, annotations), pinned to its UID.</summary>
    public Task PatchAsync(V1Pod pod, string mergePatch, CancellationToken cancellationToken) =>
        client.CoreV1.PatchNamespacedPodAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch),
            pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);

    /// <summary>Creates the pod; when one of that name exists already, returns it (the caller checks it is the one it meant).</summary>
    public async Task<V1Pod> CreateOrGetAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.CreateNamespacedPodAsync(pod, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsAlreadyExists(e))
        {
            return await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes exactly this pod (UID precondition); gone already, or replaced by another of the name, is done.</summary>
    public async Task DeleteAsync(V1Pod pod, long? gracePeriodSeconds, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                new V1DeleteOptions { GracePeriodSeconds = gracePeriodSeconds, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e) || KubeErrors.IsAlreadyExists(e))
        {
            // 404: gone. 409: the UID precondition failed, so the name now belongs to another pod: ours is gone too.
        }
    }

    public async Task<IList<V1Node>> ListNodesAsync(CancellationToken cancellationToken) =>
        (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Pods bound to nodes (for resource accounting of target selection), without finished ones.</summary>
    public async Task<IList<V1Pod>> ListScheduledPodsAsync(CancellationToken cancellationToken) =>
        (await client.CoreV1.ListPodForAllNamespacesAsync(
            fieldSelector: "spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed", cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
}
