using Interceptor.Kube;
using Interceptor.Options;
using k8s;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// Gathers what the eviction decision needs: cache first, and a direct GET only on a miss (a pod created a moment
/// ago, or a cache still syncing). A pod's PodMigrations are found by its UID (the cache's index by spec.podUID),
/// whatever their names, and only for opted-in pods. The caller's deadline bounds the time; any API failure
/// propagates and fails open.
/// </summary>
public sealed class EvictionObserver(
    ClusterCaches caches,
    NamespaceOptInLabels namespaces,
    PodMigrationLookup migrations,
    IKubernetes client,
    IOptions<InterceptorOptions> options,
    TimeProvider time)
{
    public async Task<EvictionObservation> ObserveAsync(EvictionReview review, ApiDeadline deadline)
    {
        var cached = caches.Pods.Get(review.Namespace, review.PodName);
        var pod = cached ?? await GetPodAsync(review, deadline.Token).ConfigureAwait(false);
        return await ObserveWithAsync(review, pod, podFromApi: cached is null, deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// The same observation from the API server instead of the cache: one GET of the pod (unless it was just read),
    /// and one of the migration when <paramref name="migrationToo"/>. For confirming an allow that cached facts gave.
    /// </summary>
    public async Task<EvictionObservation> ConfirmAsync(EvictionObservation cached, bool migrationToo, ApiDeadline deadline)
    {
        var pod = cached.PodFromApi ? cached.Pod : await GetPodAsync(cached.Review, deadline.Token).ConfigureAwait(false);
        var fresh = await ObserveWithAsync(cached.Review, pod, podFromApi: true, deadline).ConfigureAwait(false);
        return migrationToo && fresh.Migration is { } migration
            ? fresh with { Migration = await migrations.GetAsync(migration, deadline.Token).ConfigureAwait(false) }
            : fresh;
    }

    /// <summary>The cache knows no migration of the pod: ask the API server before creating one.</summary>
    public async Task<EvictionObservation> FindMigrationAsync(EvictionObservation observation, ApiDeadline deadline) =>
        observation with { Migration = await migrations.FindAsync(observation.Pod!, deadline.Token).ConfigureAwait(false) };

    private async Task<EvictionObservation> ObserveWithAsync(EvictionReview review, PodFacts? pod, bool podFromApi, ApiDeadline deadline)
    {
        string? namespaceLabel = null;
        MigrationFacts? migration = null;
        if (pod is not null)
        {
            // The namespace label only matters when the pod does not decide for itself.
            namespaceLabel = OptIn.PodDecides(pod.MigrateLabel)
                ? null
                : await namespaces.MigrateLabelAsync(review.Namespace, deadline).ConfigureAwait(false);
            // A pod that is not ours costs no migration lookup: most evicted pods are not.
            migration = OptIn.IsOptedIn(pod.MigrateLabel, namespaceLabel)
                ? MigrationFacts.Preferred(caches.Migrations.Find(review.Namespace, pod.Uid))
                : null;
        }

        var policy = new EvictionPolicy(options.Value.Migration.DefaultOnFailure, options.Value.Migration.PickupTimeout);
        return new EvictionObservation(review, pod, namespaceLabel, migration, policy, time.GetUtcNow(), podFromApi);
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
