using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Interceptor.Api;
using k8s;

namespace Interceptor.Kube;

/// <summary>
/// Passes LIST and WATCH through to the cache unchanged, tells the agent which migration changed, and keeps the
/// set of migrations that exist (for the periodic resync). The agent re-reads the object before acting, so being
/// told a moment before the cache applied it is harmless.
/// </summary>
public sealed class NotifyingMigrationSource(IResourceSource<PodMigration> inner, Action<MigrationKey> changed) : IResourceSource<PodMigration>
{
    private volatile ConcurrentDictionary<MigrationKey, bool> _known = new();

    public string Resource => inner.Resource;

    /// <summary>The migrations of the last LIST plus those the watch added since, minus those it deleted.</summary>
    public IReadOnlyCollection<MigrationKey> Known => [.. _known.Keys];

    /// <summary>The known set is replaced only once the whole LIST is read, as the cache swaps in its fresh map.</summary>
    public async Task<string> ListAsync(Action<IReadOnlyList<PodMigration>> onPage, CancellationToken cancellationToken)
    {
        var listed = new ConcurrentDictionary<MigrationKey, bool>();
        var resourceVersion = await inner.ListAsync(page =>
        {
            onPage(page);
            foreach (var item in page)
            {
                listed[KeyOf(item)] = true;
                changed(KeyOf(item));
            }
        }, cancellationToken).ConfigureAwait(false);
        _known = listed;
        return resourceVersion;
    }

    public async IAsyncEnumerable<(WatchEventType Type, PodMigration Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, obj) in inner.WatchAsync(resourceVersion, onError, cancellationToken).ConfigureAwait(false))
        {
            if (type is WatchEventType.Added or WatchEventType.Modified)
            {
                _known[KeyOf(obj)] = true;
                changed(KeyOf(obj));
            }
            else if (type is WatchEventType.Deleted)
            {
                _known.TryRemove(KeyOf(obj), out _);
            }

            yield return (type, obj);
        }
    }

    private static MigrationKey KeyOf(PodMigration migration) => new(migration.Metadata.NamespaceProperty ?? "", migration.Metadata.Name ?? "");
}
