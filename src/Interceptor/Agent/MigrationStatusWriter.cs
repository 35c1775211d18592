using Interceptor.Api;
using Interceptor.Kube;
using k8s;

namespace Interceptor.Agent;

/// <summary>
/// Writes a PodMigration's status through the status subresource: read the object, apply a change, PUT it with
/// the resourceVersion just read. A 409 means someone (the controller, a parallel container) wrote in between:
/// read again and re-apply, so no one's write is lost.
/// </summary>
public sealed class MigrationStatusWriter(IKubernetes client)
{
    private const int MaxConflicts = 8;

    /// <returns>False when the object is gone or <paramref name="change"/> found nothing to write.</returns>
    public async Task<bool> UpdateAsync(MigrationKey key, Func<PodMigration, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null || !change(current))
            {
                return false;
            }

            try
            {
                await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
                    current, PodMigration.Group, PodMigration.Version, key.Namespace, PodMigration.Plural, key.Name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (KubeErrors.IsAlreadyExists(e) && attempt < MaxConflicts)
            {
                // 409 Conflict: the resourceVersion moved; go round with the newer object.
            }
        }
    }

    /// <summary>The object as the API server has it now, or null when it was deleted.</summary>
    public async Task<PodMigration?> GetAsync(MigrationKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<PodMigration>(
                PodMigration.Group, PodMigration.Version, key.Namespace, PodMigration.Plural, key.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
