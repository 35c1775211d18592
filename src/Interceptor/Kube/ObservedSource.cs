using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// Passes LIST and WATCH through unchanged and shows every object that went by to <see cref="Observed"/>: how the
/// controller hears of pod changes (a replacement Ready, a source gone) from the webhook's one pod watch, instead of
/// opening a second watch of every pod in the cluster.
/// </summary>
public sealed class ObservedSource<TObject>(IResourceSource<TObject> inner) : IResourceSource<TObject>
    where TObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Called for every listed object and every watch event (deleted ones too), on the cache's loop: keep it quick.</summary>
    public event Action<WatchEventType, TObject>? Observed;

    public string Resource => inner.Resource;

    /// <summary>Each page is observed as it arrives, before the cache reduces it: the whole pods never outlive their page.</summary>
    public Task<string> ListAsync(Action<IReadOnlyList<TObject>> onPage, CancellationToken cancellationToken) =>
        inner.ListAsync(page =>
        {
            if (Observed is { } observed)
            {
                foreach (var item in page)
                {
                    observed(WatchEventType.Added, item);
                }
            }

            onPage(page);
        }, cancellationToken);

    public async IAsyncEnumerable<(WatchEventType Type, TObject Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, obj) in inner.WatchAsync(resourceVersion, onError, cancellationToken).ConfigureAwait(false))
        {
            if (type != WatchEventType.Bookmark)
            {
                Observed?.Invoke(type, obj);
            }

            yield return (type, obj);
        }
    }
}
