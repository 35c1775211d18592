using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// An <see cref="IResourceSource{TObject}"/> made of the two generated KubernetesClient calls of a built-in
/// resource: one LIST page, and its WATCH. Built-in resources differ only in which calls those are.
/// </summary>
public sealed class ListWatchSource<TObject>(
    string resource,
    Func<string?, CancellationToken, Task<(IList<TObject> Items, string? ResourceVersion, string? Continue)>> listPage,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, TObject)>> watch) : IResourceSource<TObject>
    where TObject : IKubernetesObject<V1ObjectMeta>
{
    public string Resource => resource;

    public Task<string> ListAsync(Action<IReadOnlyList<TObject>> onPage, CancellationToken cancellationToken) =>
        Paging.ListPagesAsync(listPage, onPage, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, TObject Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        watch(resourceVersion, onError, cancellationToken);
}

/// <summary>The built-in resources the webhook caches.</summary>
public static class BuiltinSources
{
    /// <summary>All pods in the cluster: the webhook must know any pod an eviction may name.</summary>
    public static ListWatchSource<V1Pod> Pods(IKubernetes client, TimeSpan watchTimeout) => new(
        "pods",
        async (token, ct) =>
        {
            var list = await client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: token, limit: Paging.PageSize, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
        },
        (resourceVersion, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: (int)watchTimeout.TotalSeconds, onError: onError, cancellationToken: ct));

    /// <summary>All namespaces: their opt-in label decides for pods without their own.</summary>
    public static ListWatchSource<V1Namespace> Namespaces(IKubernetes client, TimeSpan watchTimeout) => new(
        "namespaces",
        async (token, ct) =>
        {
            var list = await client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: Paging.PageSize, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
        },
        (resourceVersion, onError, ct) => client.CoreV1.WatchListNamespaceAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: (int)watchTimeout.TotalSeconds, onError: onError, cancellationToken: ct));
}
