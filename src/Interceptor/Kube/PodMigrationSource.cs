using System.Runtime.CompilerServices;
using System.Text.Json;
using Interceptor.Api;
using k8s;

namespace Interceptor.Kube;

/// <summary>
/// All PodMigrations, so a repeated eviction is answered from memory; or, with a <paramref name="fieldSelector"/>,
/// only those it selects (the agent's <c>spec.sourceNode=</c>, a selectable field of the CRD).
/// </summary>
public sealed class PodMigrationSource(IKubernetes client, TimeSpan watchTimeout, string? fieldSelector = null) : IResourceSource<PodMigration>
{
    public string Resource => PodMigration.Plural;

    public Task<string> ListAsync(Action<IReadOnlyList<PodMigration>> onPage, CancellationToken cancellationToken) =>
        Paging.ListPagesAsync<PodMigration>(async (token, ct) =>
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync<PodMigrationList>(
                PodMigration.Group, PodMigration.Version, PodMigration.Plural,
                continueParameter: token, fieldSelector: fieldSelector, limit: Paging.PageSize, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
        }, onPage, cancellationToken);

    public async IAsyncEnumerable<(WatchEventType Type, PodMigration Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            PodMigration.Group, PodMigration.Version, PodMigration.Plural,
            allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: resourceVersion, timeoutSeconds: (int)watchTimeout.TotalSeconds,
            onError: onError, cancellationToken: cancellationToken);

        // The generic custom-object watch yields untyped JSON; PodMigrations are few, so re-reading them typed is cheap.
        await foreach (var (type, obj) in events.ConfigureAwait(false))
        {
            yield return (type, KubernetesJson.Deserialize<PodMigration>(((JsonElement)obj).GetRawText()));
        }
    }
}
