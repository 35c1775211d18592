using System.Diagnostics;
using Interceptor.Api;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Resources;
using k8s;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// <c>simulate</c>: a fake cluster, the real Interceptor over real TLS, and a node drain's evictions against it.
/// Evictions go through the fake API server's pods/eviction subresource, which calls the webhook over HTTPS as a
/// ValidatingWebhookConfiguration says, exactly as a kube-apiserver would.
/// </summary>
public static class SimulateCommand
{
    /// <param name="registry">A real OCI registry (<c>--registry URL</c>); null starts the embedded one.</param>
    public static async Task<int> RunAsync(TextWriter output, Uri? registry = null)
    {
        var clock = Stopwatch.StartNew();
        void Say(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.000}s] {line}");

        await using var cluster = await FakeApiServer.StartAsync();
        var pods = DemoCluster.Seed(cluster.Store);
        await using var interceptor = await SimulatedInterceptor.StartAsync(cluster);
        using var health = new HttpClient { BaseAddress = interceptor.HealthAddress };

        Say($"fake kube-apiserver {cluster.BaseAddress}");
        await using var embedded = registry is null ? await EmbeddedRegistry.StartAsync() : null;
        using (var probe = embedded?.CreateClient() ?? new HttpClient())
        {
            var address = registry ?? embedded!.BaseAddress;
            Say($"OCI registry {address} ({(embedded is null ? "--registry" : "embedded, TLS from a throwaway CA, blobs in a temp directory")}): {await RegistryProbe.DescribeAsync(probe, address)}");
        }

        Say($"interceptor webhook {interceptor.WebhookAddress} (TLS 1.2+, certificate from a throwaway CA), health and metrics {interceptor.HealthAddress}");
        Say($"namespace {DemoCluster.Namespace} ({Labels.Migrate}={Labels.NamespaceOptIn}), pods on {DemoCluster.Node}:");
        foreach (var (name, description) in pods)
        {
            Say($"  {name,-22} {description}");
        }

        var drain = new DrainSimulation(cluster.CreateClient(), Say);
        var names = pods.Select(p => p.Name).ToList();
        Say($"kubectl drain {DemoCluster.Node} --dry-run=server (nothing may change):");
        await drain.EvictAllAsync(DemoCluster.Namespace, names, dryRun: true);
        Say($"  PodMigrations after the dry run: {cluster.Store.List(BuiltinResources.PodMigrations).Items.Count}");
        Say($"kubectl drain {DemoCluster.Node}:");
        await drain.EvictAllAsync(DemoCluster.Namespace, names, dryRun: false);
        Say("  ... 5 s later, drain retries the pods still there (at once here):");
        var left = await drain.EvictAllAsync(DemoCluster.Namespace, names, dryRun: false);
        Say($"  {left} pod(s) wait for their live migration; the drain keeps retrying until each is done");
        ReportMigrations(cluster, Say);
        Say("decisions, from the interceptor's /metrics:");
        foreach (var line in (await health.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith("interceptor_admission_decisions_total{", StringComparison.Ordinal)))
        {
            Say("  " + line);
        }

        Say("not simulated yet: the migration controller (checkpoint, transfer, restore, traffic switch), kubelets, the ReplicaSet and StatefulSet controllers");
        return 0;
    }

    private static void ReportMigrations(FakeApiServer cluster, Action<string> say)
    {
        var migrations = cluster.Store.List(BuiltinResources.PodMigrations).Items.Select(o => KubernetesJson.Deserialize<PodMigration>(o.ToJsonString())).ToList();
        say($"PodMigrations ({migrations.Count}):");
        foreach (var m in migrations)
        {
            say($"  {m.Metadata.NamespaceProperty}/{m.Metadata.Name,-32} pod {m.Spec.PodName}, source {m.Spec.SourceNode}, trigger {m.Spec.Trigger}, onFailure {m.Spec.OnFailure}, phase {m.Status?.Phase ?? "(none: no controller yet)"}");
        }
    }
}
