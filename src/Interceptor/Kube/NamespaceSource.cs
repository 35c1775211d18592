using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>All namespaces: their opt-in label decides for pods without their own.</summary>
public sealed class NamespaceSource(IKubernetes client, TimeSpan watchTimeout) : IResourceSource<V1Namespace>
{
    public string Resource => "namespaces";

    public Task<(IReadOnlyList<V1Namespace> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken) =>
        Paging.ListAllAsync<V1Namespace>(async (token, ct) =>
        {
            var list = await client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: Paging.PageSize, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
        }, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, V1Namespace Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        client.CoreV1.WatchListNamespaceAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: (int)watchTimeout.TotalSeconds,
            onError: onError, cancellationToken: cancellationToken);
}
