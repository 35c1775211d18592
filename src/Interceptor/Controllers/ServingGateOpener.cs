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
    private const int MaxAttempts = 5;

    /// <summary>
    /// Opens the gate, retrying a failed write (API down, throttled) a few times with backoff: a Ready pod may produce no
    /// further event that would bring it here again. Each retry re-reads the pod and decides again.
    /// </summary>
    public async Task OpenAsync(V1Pod pod, CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var attempt = 1; attempt <= MaxAttempts && !ct.IsCancellationRequested; attempt++)
        {
            if (await TryOpenAsync(pod, ct).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await Task.Delay(backoff.Next(), time, ct).ConfigureAwait(false);
                pod = await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!ServingGate.ShouldOpen(pod, Annotations.Migration))
            {
                return;
            }
        }
    }

    /// <returns>False when the write failed in a way worth retrying.</returns>
    private async Task<bool> TryOpenAsync(V1Pod pod, CancellationToken ct)
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
            return true;
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e) || KubeErrors.IsAlreadyExists(e))
        {
            // Gone, or changed since: the next event of the pod decides again.
            logger.LogDebug("Serving gate of pod {Namespace}/{Pod} not opened: {Cause}", pod.Metadata.NamespaceProperty, pod.Metadata.Name, KubeErrors.Cause(e));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Called without being awaited (from the pod watch): never let a failure go unobserved.
            logger.LogWarning("Could not open the serving gate of pod {Namespace}/{Pod} ({Cause}: {Error}); retrying",
                pod.Metadata.NamespaceProperty, pod.Metadata.Name, KubeErrors.Cause(e), e.Message);
            return false;
        }
    }
}
