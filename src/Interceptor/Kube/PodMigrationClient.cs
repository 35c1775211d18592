using System.Text.Json;
using Interceptor.Api;
using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// The controller's calls on PodMigrations. The generic custom-object client has no typed status verbs, so status
/// writes are a PUT of …/status with the resourceVersion read: a 409 means someone (the agent) wrote in between,
/// and the change is re-applied to a fresh read, so neither write is lost.
/// </summary>
public sealed class PodMigrationClient(IKubernetes client)
{
    private const int MaxConflicts = 8;

    public async Task<PodMigration?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<PodMigration>(
                PodMigration.Group, PodMigration.Version, ns, PodMigration.Plural, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="current"/> and writes the status; on a conflict, to a fresh read.
    /// Returns the object as stored, or null when it is gone or <paramref name="change"/> found nothing to do.
    /// </summary>
    public async Task<PodMigration?> UpdateStatusAsync(PodMigration current, Func<PodMigration, bool> change, CancellationToken cancellationToken)
    {
        var (ns, name) = (current.Metadata.NamespaceProperty, current.Metadata.Name);
        var decidedIn = current.Status?.Phase;
        for (var attempt = 1; ; attempt++)
        {
            if (!change(current))
            {
                return null;
            }

            try
            {
                return await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<PodMigration>(
                    current, PodMigration.Group, PodMigration.Version, ns, PodMigration.Plural, name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (KubeErrors.IsAlreadyExists(e) && attempt < MaxConflicts)
            {
                current = await GetAsync(ns, name, cancellationToken).ConfigureAwait(false) ?? throw new StaleDecisionException("the PodMigration was deleted");
                // IMPORTANT: a change decided in one phase is never applied to another (a second leader, a late pass moved
                // it on): re-plan from the fresh object instead of pulling the migration back. The agent's writes keep the phase.
                if (current.Status?.Phase != decidedIn)
                {
                    throw new StaleDecisionException($"the PodMigration moved from {decidedIn ?? "(new)"} to {current.Status?.Phase} meanwhile");
                }
            }
        }
    }

    /// <summary>
    /// Sets metadata.finalizers, guarded by the resourceVersion read, so a finalizer added by someone else in between is
    /// never dropped (409 instead; the next pass re-reads).
    /// </summary>
    public Task SetFinalizersAsync(PodMigration current, IList<string> finalizers, CancellationToken cancellationToken)
    {
        var patch = JsonSerializer.Serialize(new
        {
            metadata = new { finalizers, resourceVersion = current.Metadata.ResourceVersion },
        });
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch),
            PodMigration.Group, PodMigration.Version, current.Metadata.NamespaceProperty, PodMigration.Plural, current.Metadata.Name,
            cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(PodMigration current, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(PodMigration.Group, PodMigration.Version,
                current.Metadata.NamespaceProperty, PodMigration.Plural, current.Metadata.Name,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = current.Metadata.Uid } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            // Already gone: done.
        }
    }
}
