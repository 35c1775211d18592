using Interceptor.Admission;
using Interceptor.Api;
using k8s;

namespace Interceptor.Kube;

/// <summary>
/// The webhook's direct reads of PodMigrations, for when the cache may not know: a miss before creating one, and the
/// confirmation of an allow that rests on one. Each read is put in the cache until the watch catches up.
/// </summary>
public sealed class PodMigrationLookup(IKubernetes client, ClusterCaches caches)
{
    /// <summary>
    /// The pod's PodMigration, by LIST with the <see cref="Labels.PodUid"/> selector. The label is only a hint (the
    /// webhook sets it, a user may not, or may set it wrong): spec.podUID decides. Unlabelled ones reach the webhook
    /// through the cache's index by spec.podUID once the watch delivers them.
    /// </summary>
    public async Task<MigrationFacts?> FindAsync(PodFacts pod, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<PodMigrationList>(
            PodMigration.Group, PodMigration.Version, pod.Namespace, PodMigration.Plural,
            labelSelector: Labels.PodUid + "=" + pod.Uid, cancellationToken: cancellationToken).ConfigureAwait(false);
        var found = new List<MigrationFacts>(list.Items.Count);
        foreach (var migration in list.Items.Where(m => m.Spec.PodUid == pod.Uid))
        {
            caches.Migrations.Remember(migration);
            found.Add(MigrationFacts.From(migration));
        }

        return MigrationFacts.Preferred(found);
    }

    /// <summary>The migration as the API server has it now; null when it is gone.</summary>
    public async Task<MigrationFacts?> GetAsync(MigrationFacts migration, CancellationToken cancellationToken)
    {
        try
        {
            var current = await client.CustomObjects.GetNamespacedCustomObjectAsync<PodMigration>(
                PodMigration.Group, PodMigration.Version, migration.Namespace, PodMigration.Plural, migration.Name, cancellationToken).ConfigureAwait(false);
            caches.Migrations.Remember(current);
            return MigrationFacts.From(current);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
