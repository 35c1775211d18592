using Interceptor.Kube;
using k8s;

namespace Interceptor.Admission;

/// <summary>
/// A namespace's <see cref="Api.Labels.Migrate"/> value, for every admission path that needs it: cache first, and a
/// direct GET only on a miss (a namespace created a moment ago, or a cache still syncing). A namespace that does not
/// exist has no label. API failures propagate: the caller fails open.
/// </summary>
public sealed class NamespaceOptInLabels(ClusterCaches caches, IKubernetes client)
{
    /// <param name="deadline">Armed only on a cache miss: a hit must not pay for a linked token source and a timer.</param>
    public ValueTask<string?> MigrateLabelAsync(string name, ApiDeadline deadline) =>
        caches.Namespaces.Get(null, name) is { } cached ? ValueTask.FromResult(cached.MigrateLabel) : new(GetAsync(name, deadline.Token));

    private async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var ns = await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            caches.Namespaces.Remember(ns);
            return NamespaceFacts.From(ns).MigrateLabel;
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
