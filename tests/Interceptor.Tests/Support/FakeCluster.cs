using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Simulator;
using Interceptor.Simulator.Faults;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Support;

/// <summary>
/// Typed seeding and inspection on top of the project's fake API server (which stores raw JSON). Writes go
/// through the store, so the interceptor's watches see them exactly as they would see another client's writes.
/// </summary>
public sealed class FakeCluster(FakeApiServer server) : IAsyncDisposable
{
    public FakeApiServer Server => server;

    public Uri BaseAddress => server.BaseAddress;

    public static async Task<FakeCluster> StartAsync()
    {
        var server = await FakeApiServer.StartAsync();
        return new FakeCluster(server);
    }

    /// <summary>Creates the pod, then deletes it while a finalizer holds it: it stays, terminating, as in a real cluster.</summary>
    public async Task<V1Pod> AddTerminatingPodAsync(V1Pod pod)
    {
        pod.Metadata.Finalizers = ["test.interceptor.dev/hold"];
        var created = await AddPodAsync(pod);
        server.Store.Delete(BuiltinResources.Pods, created.Metadata.NamespaceProperty, created.Metadata.Name);
        return created;
    }

    public Task<V1Pod> AddPodAsync(V1Pod pod)
    {
        var created = server.Store.Create(BuiltinResources.Pods, ToJson(pod), pod.Metadata.NamespaceProperty);
        return Task.FromResult(KubernetesJson.Deserialize<V1Pod>(created.ToJsonString()));
    }

    public Task AddNamespaceAsync(string name, string? migrateLabel)
    {
        var ns = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = name, Labels = migrateLabel is null ? null : new Dictionary<string, string> { [Labels.Migrate] = migrateLabel } },
        };
        server.Store.Create(BuiltinResources.Namespaces, ToJson(ns));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A PodMigration for the pod, already in the given phase (as the controller would have left it). By default named as
    /// the webhook names it, with no label: pass <paramref name="name"/> for one a user created under a name of their own.
    /// </summary>
    public Task<PodMigration> AddMigrationAsync(V1Pod pod, string phase, string onFailure, string? name = null, bool labelled = false)
    {
        var migration = new PodMigration
        {
            Metadata = new V1ObjectMeta
            {
                Name = name ?? global::Interceptor.Admission.MigrationNames.For(pod.Metadata.Name, pod.Metadata.Uid),
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Labels = labelled ? new Dictionary<string, string> { [Labels.PodUid] = pod.Metadata.Uid } : null,
            },
            Spec = new PodMigrationSpec { PodName = pod.Metadata.Name, PodUid = pod.Metadata.Uid, SourceNode = pod.Spec.NodeName, OnFailure = onFailure, Trigger = MigrationTriggers.Eviction },
            Status = new PodMigrationStatus { Phase = phase, Reason = "CheckpointFailed" },
        };
        var created = server.Store.Create(BuiltinResources.PodMigrations, ToJson(migration), pod.Metadata.NamespaceProperty);
        return Task.FromResult(KubernetesJson.Deserialize<PodMigration>(created.ToJsonString()));
    }

    /// <summary>Changes a stored pod as another client would (its watchers see a MODIFIED event).</summary>
    public void ChangePod(string ns, string name, Action<V1Pod> change, UpdateScope scope = UpdateScope.Main) =>
        Change(BuiltinResources.Pods, ns, name, change, scope);

    /// <summary>Changes a stored PodMigration as another client would.</summary>
    public void ChangeMigration(string ns, string name, Action<PodMigration> change) =>
        Change(BuiltinResources.PodMigrations, ns, name, change, UpdateScope.Main);

    private void Change<T>(ResourceType resource, string ns, string name, Action<T> change, UpdateScope scope) =>
        server.Store.Modify(resource, ns, name, current =>
        {
            var typed = KubernetesJson.Deserialize<T>(current.ToJsonString());
            change(typed);
            return ToJson(typed!);
        }, scope);

    public IReadOnlyList<PodMigration> MigrationsFor(string podUid) =>
        [.. server.Store.List(BuiltinResources.PodMigrations).Items
            .Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString()))
            .Where(m => m.Spec.PodUid == podUid)];

    public IReadOnlyList<Corev1Event> EventsFor(string podUid) =>
        [.. server.Store.List(BuiltinResources.Events).Items
            .Select(o => KubernetesJson.Deserialize<Corev1Event>(o.ToJsonString()))
            .Where(e => e.InvolvedObject?.Uid == podUid)];

    /// <summary>
    /// The events of an object once <paramref name="until"/> holds: events go out through a background recorder,
    /// so they may land a moment after the status that prompted them.
    /// </summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsForAsync(string uid, Func<IReadOnlyList<Corev1Event>, bool> until)
    {
        await Eventually.TrueAsync(() => until(EventsFor(uid)), TimeSpan.FromSeconds(10), $"the expected events of {uid} never arrived");
        return EventsFor(uid);
    }

    public int CountRequests(string method, string pathSuffix) =>
        server.Requests.Count(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    /// <summary>Answers matching requests with an error status until disposed.</summary>
    public IDisposable Fail(string method, string pathSuffix, int code) =>
        server.Faults.Add(r => Matches(r, method, pathSuffix) ? Fault.Status(code) : null);

    /// <summary>Never answers matching requests until disposed: the client has to give up.</summary>
    public IDisposable Hang(string method, string pathSuffix, bool watchesOnly = false) =>
        server.Faults.Add(r => Matches(r, method, pathSuffix) && (!watchesOnly || r.IsWatch) ? Fault.Hang : null);

    private static bool Matches(Simulator.Recording.RecordedRequest r, string method, string pathSuffix) =>
        r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal);

    private static JsonObject ToJson(object obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
