using Interceptor.Kube;
using Interceptor.Options;
using k8s;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// Gathers what the eviction decision needs: cache first, and a direct GET only on a miss (a pod created a moment
/// ago, or a cache still syncing). The caller's deadline bounds the time; any API failure propagates and fails open.
/// </summary>
public sealed class EvictionObserver(
    ClusterCaches caches, NamespaceOptInLabels namespaces, IKubernetes client, IOptions<InterceptorOptions> options, TimeProvider time)
{
    public async Task<EvictionObservation> ObserveAsync(EvictionReview review, ApiDeadline deadline)
    {
        var pod = caches.Pods.Get(review.Namespace, review.PodName) ?? await GetPodAsync(review, deadline.Token).ConfigureAwait(false);
        string? namespaceLabel = null;
        MigrationFacts? migration = null;
        if (pod is not null)
        {
            // The namespace label only matters when the pod does not decide for itself.
            namespaceLabel = OptIn.PodDecides(pod.MigrateLabel)
                ? null
                : await namespaces.MigrateLabelAsync(review.Namespace, deadline).ConfigureAwait(false);
            migration = caches.Migrations.Get(review.Namespace, MigrationNames.For(pod.Name, pod.Uid));
        }

        var policy = new EvictionPolicy(options.Value.Migration.DefaultOnFailure, options.Value.Migration.PickupTimeout);
        return new EvictionObservation(review, pod, namespaceLabel, migration, policy, time.GetUtcNow());
    }

    private async Task<PodFacts?> GetPodAsync(EvictionReview review, CancellationToken cancellationToken)
    {
        try
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(review.PodName, review.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            caches.Pods.Remember(pod);
            return PodFacts.From(pod);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
