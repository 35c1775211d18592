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

    /// <summary>Every object (paged), and the resourceVersion of that snapshot to watch from.</summary>
    Task<(IReadOnlyList<TObject> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="resourceVersion"/>, with bookmarks. ERROR events (410 Gone) reach <paramref name="onError"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, TObject Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
