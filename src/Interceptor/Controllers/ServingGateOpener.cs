using System.Text.Json;
using Interceptor.Api;
using Interceptor.Kube;
using Interceptor.Migration;
using k8s;
using k8s.Models;

namespace Interceptor.Controllers;

/// <summary>
/// Opens the serving gate of new opted-in pods (see <see cref="ServingGate"/>). The patch carries the resourceVersion the
/// decision was made on: if a migration set the condition False in between, the API server answers 409 and nothing
/// changes, so a late "open" can never put traffic back on a pod being checkpointed.
/// </summary>
public sealed class ServingGateOpener(IKubernetes client, TimeProvider time, ILogger<ServingGateOpener> logger)
{
    public async Task OpenAsync(V1Pod pod, CancellationToken ct)
    {
        var patch = JsonSerializer.Serialize(new
        {
            metadata = new { resourceVersion = pod.Metadata.ResourceVersion, uid = pod.Metadata.Uid },
            status = new
            {
                conditions = new[]
                {
                    new
                    {
                        type = PodConditionTypes.Serving, status = "True", reason = "ContainersReady",
                        message = "serving: no migration in progress", lastTransitionTime = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    },
                },
            },
        });
        try
        {
            await client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch),
                pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e) || KubeErrors.IsAlreadyExists(e))
        {
            // Gone, or changed since: the next event of the pod decides again.
            logger.LogDebug("Serving gate of pod {Namespace}/{Pod} not opened: {Cause}", pod.Metadata.NamespaceProperty, pod.Metadata.Name, KubeErrors.Cause(e));
        }
    }
}
