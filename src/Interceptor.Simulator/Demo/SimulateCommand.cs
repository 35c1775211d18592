using System.Diagnostics;
using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Resources;
using k8s;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// <c>simulate</c>: a fake cluster with simulated nodes, controllers and scheduler, the real Interceptor over real TLS
/// registered as its eviction webhook, an opted-in workload on one node, and <c>kubectl drain</c> of that node; then
/// a per-pod timeline and a summary of what really happened. The migration controller is not built yet, so every
/// PodMigration stays without a phase until the pickup timeout, after which the pod's onFailure policy decides.
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(TextWriter output, SimulateSettings settings, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        void Say(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.000}s] {line}");
        var workload = DemoWorkload.For(settings.Pods);

        await using var cluster = await FakeApiServer.StartAsync(new FakeApiServerOptions { Controllers = SimulatedControllers.All }, cancellationToken);
        Say($"fake kube-apiserver {cluster.BaseAddress} with the simulated ReplicaSet, Deployment and StatefulSet controllers and scheduler");
        await DescribeRegistryAsync(settings.Registry, Say);
        await using var interceptor = await SimulatedInterceptor.StartAsync(cluster, settings: new Dictionary<string, string?>
        {
            ["Interceptor:Migration:PickupTimeout"] = settings.PickupTimeout.ToString(),
        }, cancellationToken: cancellationToken,
            // Not yet: nothing sets the interceptor.dev/serving condition before the controller lands, so gated pods would never turn Ready.
            mutatePods: false);
        Say($"interceptor (the real service) webhook {interceptor.WebhookAddress} (TLS 1.2+, throwaway CA), health and metrics {interceptor.HealthAddress}");
        Say($"  Migration:PickupTimeout = {SimulateSettings.FormatDuration(settings.PickupTimeout)} (2m by default): a PodMigration no controller picks up within it counts as failed and the pod's onFailure policy decides");

        using var client = cluster.CreateClient();
        var drained = await StartWorkloadAsync(cluster, client, settings, workload, Say, cancellationToken);
        await using var watcher = new PodWatcher(client, DemoWorkload.Namespace, () => clock.Elapsed);
        var log = new DrainLog(() => clock.Elapsed, pod => cluster.Nodes.Find(pod.Spec.NodeName ?? "")
            ?.ReadCounter(pod.Metadata.NamespaceProperty, pod.Metadata.Name, DemoWorkload.Container)?.ValueAt(DateTimeOffset.UtcNow));

        Say($"$ kubectl drain {drained} --ignore-daemonsets --force --timeout={SimulateSettings.FormatDuration(settings.Timeout)}");
        Say($"  (kubectl pkg/drain's logic; it retries a 429 every 5s, here every {SimulateSettings.FormatDuration(settings.RetryInterval)} to keep the demo short)");
        var drain = new DrainSimulation(client, line => Say("  " + line), log);
        var result = await drain.DrainAsync(drained, new DrainOptions(settings.RetryInterval, settings.Timeout, TimeSpan.FromMilliseconds(100)), cancellationToken);

        await WaitForReplacementsAsync(watcher, workload, cancellationToken);
        var rows = TimelineAssembly.Build(await ObserveAsync(cluster, client, drained, log, watcher, cancellationToken));
        Say("timeline (seconds since start):");
        foreach (var line in TimelineReport.Format(rows))
        {
            Say("  " + line);
        }

        using var health = new HttpClient { BaseAddress = interceptor.HealthAddress };
        var decisions = AdmissionDecisionCount.Parse(await health.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken));
        Say("summary:");
        foreach (var line in DrainSummary.From(rows, result, decisions).Format())
        {
            Say("  " + line);
        }

        Say("not built yet: the migration controller (checkpoint, transfer, restore, traffic switch): the webhook's 429 protocol works, live migration does not happen yet");
        return 0;
    }

    private static async Task DescribeRegistryAsync(Uri? registry, Action<string> say)
    {
        await using var embedded = registry is null ? await EmbeddedRegistry.StartAsync() : null;
        using var probe = embedded?.CreateClient() ?? new HttpClient();
        var address = registry ?? embedded!.BaseAddress;
        var kind = embedded is null ? "--registry" : "embedded, TLS from a throwaway CA, blobs in a temp directory";
        say($"OCI registry {address} ({kind}): {await RegistryProbe.DescribeAsync(probe, address)}; unused until the migration controller pushes checkpoint images");
    }

    /// <summary>
    /// Only the first node exists while the workload starts, so the scheduler puts every pod there; the other nodes
    /// join once all are Ready, as spare capacity for the replacements. Returns the node to drain.
    /// </summary>
    private static async Task<string> StartWorkloadAsync(
        FakeApiServer cluster, IKubernetes client, SimulateSettings settings, DemoWorkload workload, Action<string> say, CancellationToken cancellationToken)
    {
        var first = await cluster.Nodes.AddAsync("node-1", ct: cancellationToken);
        DemoCluster.Seed(cluster.Store, workload, first.Name);
        await WaitUntilAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace, cancellationToken: cancellationToken)).Items
            .Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) == workload.PodsOnNode, TimeSpan.FromSeconds(30), cancellationToken);
        for (var i = 2; i <= settings.Nodes; i++)
        {
            await cluster.Nodes.AddAsync($"node-{i}", ct: cancellationToken);
        }

        say($"nodes node-1..node-{settings.Nodes}; namespace {DemoWorkload.Namespace} ({Labels.Migrate}={Labels.NamespaceOptIn}); every pod Running and Ready on {first.Name}:");
        foreach (var pod in (await client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace, cancellationToken: cancellationToken)).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } o ? $"{o.Kind} {o.Name}" : "bare pod";
            var optedIn = PodWatcher.IsOptedIn(pod) ? "opted in" : "not opted in";
            var onFailure = pod.Metadata.Annotations is { } annotations && annotations.TryGetValue(Annotations.OnFailure, out var policy) ? $", onFailure: {policy}" : "";
            say($"  {pod.Metadata.Name,-26} {owner}, {optedIn}{onFailure}");
        }

        // Let every counter process run a moment, so a cold start (counter back to 0) is visible.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return first.Name;
    }

    /// <summary>Owners replace what the drain evicted; wait (bounded) until every owned pod left is Ready, so the timeline has its Ready times.</summary>
    private static Task WaitForReplacementsAsync(PodWatcher watcher, DemoWorkload workload, CancellationToken cancellationToken)
    {
        var ownedPods = workload.DeploymentReplicas + workload.StatefulSetReplicas + 2;
        return WaitUntilAsync(() =>
        {
            var live = watcher.Sightings.Where(s => s.GoneAt is null && s.OwnerUid is not null).ToList();
            return Task.FromResult(live.Count == ownedPods && live.All(s => s.ReadyAt is not null));
        }, TimeSpan.FromSeconds(10), cancellationToken, throwOnTimeout: false);
    }

    private static async Task<TimelineObservations> ObserveAsync(
        FakeApiServer cluster, IKubernetes client, string drained, DrainLog log, PodWatcher watcher, CancellationToken cancellationToken)
    {
        var migrations = cluster.Store.List(BuiltinResources.PodMigrations).Items
            .Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString()))
            .Select(m => new MigrationSighting(m.Metadata.Name, m.Spec.PodUid, m.Status?.Phase)).ToList();
        var allowed = (await client.CoreV1.ListNamespacedEventAsync(DemoWorkload.Namespace, cancellationToken: cancellationToken)).Items
            .Where(e => e.Reason == EventReasons.EvictionAllowed && e.InvolvedObject.Uid is not null)
            .GroupBy(e => e.InvolvedObject.Uid).ToDictionary(g => g.Key, g => g.Last().Message);
        var pods = watcher.Sightings;
        var counters = new Dictionary<string, CounterSighting>();
        foreach (var pod in pods.Where(p => p.GoneAt is null && p.ReadyAt is not null && p.Node != drained))
        {
            if (cluster.Nodes.Find(pod.Node ?? "")?.ReadCounter(DemoWorkload.Namespace, pod.Name, DemoWorkload.Container) is { } counter)
            {
                counters[pod.Uid] = new CounterSighting(counter.InitialValue, counter.Restored);
            }
        }

        return new TimelineObservations(drained, log.Records, pods, migrations, allowed, counters);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit, CancellationToken cancellationToken, bool throwOnTimeout = true)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            if (deadline.Elapsed > limit)
            {
                if (throwOnTimeout)
                {
                    throw new TimeoutException($"the simulated cluster did not settle within {limit}");
                }

                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
