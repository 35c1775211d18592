using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Options;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Interceptor.Kube;

/// <summary>The webhook's caches of pods, namespaces and PodMigrations, kept in sync while the host runs.</summary>
public sealed class ClusterCaches : BackgroundService
{
    public ClusterCaches(IKubernetes client, IOptions<InterceptorOptions> options, InterceptorMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        var (watchTimeout, idleTimeout) = (options.Value.Kubernetes.WatchTimeout, options.Value.Kubernetes.WatchIdleTimeout);
        var logger = loggers.CreateLogger<ClusterCaches>();
        PodEvents = new ObservedSource<V1Pod>(BuiltinSources.Pods(client, watchTimeout));
        Pods = new(PodEvents, PodFacts.From, metrics, time, idleTimeout, logger);
        Namespaces = new(BuiltinSources.Namespaces(client, watchTimeout), NamespaceFacts.From, metrics, time, idleTimeout, logger);
        // Found by the pod they move, not only by name: a user may name a PodMigration for the pod anything (spec.podUID is authoritative).
        Migrations = new(new PodMigrationSource(client, watchTimeout), MigrationFacts.From, metrics, time, idleTimeout, logger, index: m => m.PodUid);
    }

    public ResourceCache<V1Pod, PodFacts> Pods { get; }

    /// <summary>Every pod the cache's LIST and WATCH see, whole: the migration controller's wake-up calls.</summary>
    public ObservedSource<V1Pod> PodEvents { get; }

    public ResourceCache<V1Namespace, NamespaceFacts> Namespaces { get; }

    public ResourceCache<PodMigration, MigrationFacts> Migrations { get; }

    /// <summary>The three caches, for readiness.</summary>
    public IReadOnlyList<ICacheHealth> All => [Pods, Namespaces, Migrations];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Pods.RunAsync(stoppingToken), Namespaces.RunAsync(stoppingToken), Migrations.RunAsync(stoppingToken));
}
