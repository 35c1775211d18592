using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>All pods in the cluster: the webhook must know any pod an eviction may name.</summary>
public sealed class PodSource(IKubernetes client, TimeSpan watchTimeout) : IResourceSource<V1Pod>
{
    public string Resource => "pods";

    public Task<(IReadOnlyList<V1Pod> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken) =>
        Paging.ListAllAsync<V1Pod>(async (token, ct) =>
        {
            var list = await client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: token, limit: Paging.PageSize, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
        }, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, V1Pod Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        client.CoreV1.WatchListPodForAllNamespacesAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: (int)watchTimeout.TotalSeconds,
            onError: onError, cancellationToken: cancellationToken);
}
