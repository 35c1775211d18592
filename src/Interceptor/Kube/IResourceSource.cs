using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// LIST and WATCH of one resource through the real KubernetesClient: the only I/O a <see cref="ResourceCache{TObject,TFacts}"/> does.
/// </summary>
public interface IResourceSource<TObject> where TObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The plural resource name, for logs and metric labels.</summary>
    string Resource { get; }

    /// <summary>
    /// Every object, one page at a time to <paramref name="onPage"/> as it arrives (keep what you need of it: the page
    /// is not kept), then the resourceVersion of that snapshot to watch from.
    /// </summary>
    Task<string> ListAsync(Action<IReadOnlyList<TObject>> onPage, CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="resourceVersion"/>, with bookmarks. ERROR events (410 Gone) reach <paramref name="onError"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, TObject Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
