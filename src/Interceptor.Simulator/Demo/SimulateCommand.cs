using System.Diagnostics;
using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Resources;
using k8s;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// <c>simulate</c>: a fake cluster with simulated nodes, controllers and scheduler, the real Interceptor (eviction
/// webhook and migration controller) over real TLS, the real agent on every node and an OCI registry
/// (<see cref="LiveMigrationCluster"/>), an opted-in workload on one node, and <c>kubectl drain</c> of that node; then a
/// per-pod timeline and a summary of what really happened: which pods moved live (restored from their checkpoint on
/// another node), which were evicted and why.
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
        // Only the first node exists while the workload starts, so the scheduler puts every pod there.
        var first = await cluster.Nodes.AddAsync("node-1", ct: cancellationToken);
        await using var live = await LiveMigrationCluster.StartAsync(cluster, new LiveMigrationOptions
        {
            Registry = settings.Registry,
            Settings = new Dictionary<string, string?> { ["Interceptor:Migration:PickupTimeout"] = settings.PickupTimeout.ToString() },
        }, cancellationToken);
        await DescribeAsync(live, settings, Say, cancellationToken);

        using var client = cluster.CreateClient();
        await StartWorkloadAsync(cluster, live, client, settings, workload, first.Name, Say, cancellationToken);
        await using var watcher = new PodWatcher(client, DemoWorkload.Namespace, () => clock.Elapsed);
        var log = new DrainLog(() => clock.Elapsed, pod => cluster.Nodes.Find(pod.Spec.NodeName ?? "")
            ?.ReadCounter(pod.Metadata.NamespaceProperty, pod.Metadata.Name, DemoWorkload.Container)?.ValueAt(DateTimeOffset.UtcNow));

        Say($"$ kubectl drain {first.Name} --ignore-daemonsets --force --timeout={SimulateSettings.FormatDuration(settings.Timeout)}");
        Say($"  (kubectl pkg/drain's logic; it retries a 429 every 5s, here every {SimulateSettings.FormatDuration(settings.RetryInterval)} to keep the demo short)");
        var drain = new DrainSimulation(client, line => Say("  " + line), log);
        var result = await drain.DrainAsync(first.Name, new DrainOptions(settings.RetryInterval, settings.Timeout, TimeSpan.FromMilliseconds(100)), cancellationToken);

        await WaitForReplacementsAsync(cluster, watcher, workload, cancellationToken);
        var rows = TimelineAssembly.Build(await ObserveAsync(cluster, client, first.Name, log, watcher, cancellationToken));
        Say("timeline (seconds since start):");
        foreach (var line in TimelineReport.Format(rows))
        {
            Say("  " + line);
        }

        using var health = new HttpClient { BaseAddress = live.Interceptor.HealthAddress };
        var decisions = AdmissionDecisionCount.Parse(await health.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken));
        Say("summary:");
        foreach (var line in DrainSummary.From(rows, result, decisions).Format())
        {
            Say("  " + line);
        }

        Say("not built yet: StatefulSet (and Job) pods: the webhook lets their eviction through (UnsupportedOwner, with a Warning Event on the pod), so they restart cold");
        return 0;
    }

    private static async Task DescribeAsync(LiveMigrationCluster live, SimulateSettings settings, Action<string> say, CancellationToken cancellationToken)
    {
        using (var probe = live.CreateRegistryClient())
        {
            var kind = live.IsEmbeddedRegistry ? "embedded, TLS from a throwaway CA, blobs in a temp directory" : "--registry";
            say($"OCI registry {live.RegistryAddress} ({kind}): {await RegistryProbe.DescribeAsync(probe, live.RegistryAddress, cancellationToken)}; checkpoint images go to {LiveMigrationCluster.Repository}");
        }

        say($"interceptor (the real service) webhook {live.Interceptor.WebhookAddress} (TLS 1.2+, throwaway CA), health and metrics {live.Interceptor.HealthAddress}");
        say("  and its migration controller (leader-elected; fast demo timings: poll 100ms, resync 2s, lease 3s), deleting checkpoint images after each migration");
        say($"  Migration:PickupTimeout = {SimulateSettings.FormatDuration(settings.PickupTimeout)} (2m by default): a PodMigration no controller picks up within it counts as failed and the pod's onFailure policy decides");
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
    /// The workload starts on the first node, the only one; the other nodes join once every pod is Ready, as spare
    /// capacity for the replacements, each with its agent and (restore-capable) label.
    /// </summary>
    private static async Task StartWorkloadAsync(
        FakeApiServer cluster, LiveMigrationCluster live, IKubernetes client, SimulateSettings settings, DemoWorkload workload, string first,
        Action<string> say, CancellationToken cancellationToken)
    {
        DemoCluster.Seed(cluster.Store, workload, first);
        await WaitUntilAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace, cancellationToken: cancellationToken)).Items
            .Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) == workload.PodsOnNode, TimeSpan.FromSeconds(30), cancellationToken);
        for (var i = 2; i <= settings.Nodes; i++)
        {
            await live.AddNodeAsync($"node-{i}", cancellationToken: cancellationToken);
        }

        say($"nodes node-1..node-{settings.Nodes}, each with an agent ({string.Join(", ", live.AgentNodes)}) and labelled {Labels.RestoreCapable}={Labels.RestoreEnabled}");
        say($"namespace {DemoWorkload.Namespace} ({Labels.Migrate}={Labels.NamespaceOptIn}); every pod Running and Ready on {first}:");
        foreach (var pod in (await client.CoreV1.ListNamespacedPodAsync(DemoWorkload.Namespace, cancellationToken: cancellationToken)).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } o ? $"{o.Kind} {o.Name}" : "bare pod";
            var optedIn = PodWatcher.IsOptedIn(pod) ? "opted in" : "not opted in";
            var onFailure = pod.Metadata.Annotations is { } annotations && annotations.TryGetValue(Annotations.OnFailure, out var policy) ? $", onFailure: {policy}" : "";
            say($"  {pod.Metadata.Name,-26} {owner}, {optedIn}{onFailure}");
        }

        // Let every counter process run a moment, so a cold start (counter back to 0) is visible.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
    }

    /// <summary>
    /// Wait (bounded) until every PodMigration is finished and every owned pod left is Ready, so the timeline has its
    /// phases and Ready times: owners replace what the drain evicted, the controller commits what it moved.
    /// </summary>
    private static Task WaitForReplacementsAsync(FakeApiServer cluster, PodWatcher watcher, DemoWorkload workload, CancellationToken cancellationToken)
    {
        var ownedPods = workload.DeploymentReplicas + workload.StatefulSetReplicas + 2;
        return WaitUntilAsync(() =>
        {
            var live = watcher.Sightings.Where(s => s.GoneAt is null && s.OwnerUid is not null).ToList();
            var finished = Migrations(cluster).All(m => !MigrationPhases.IsInProgress(m.Phase));
            return Task.FromResult(finished && live.Count == ownedPods && live.All(s => s.ReadyAt is not null));
        }, TimeSpan.FromSeconds(10), cancellationToken, throwOnTimeout: false);
    }

    private static List<MigrationSighting> Migrations(FakeApiServer cluster) =>
        [.. cluster.Store.List(BuiltinResources.PodMigrations).Items.Select(o => MigrationSighting.From(KubernetesJson.Deserialize<PodMigration>(o.ToJsonString())))];

    private static async Task<TimelineObservations> ObserveAsync(
        FakeApiServer cluster, IKubernetes client, string drained, DrainLog log, PodWatcher watcher, CancellationToken cancellationToken)
    {
        var migrations = Migrations(cluster);
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
