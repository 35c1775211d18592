using Interceptor.Api;
using Interceptor.Simulator;
using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Store;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// The mutating webhook registered as the simulator registers it (the manifest's shape, by URL on loopback), and
/// pods created through the fake API server, which calls it over HTTPS and applies the JSON Patch before storing.
/// </summary>
public sealed class PodMutationThroughApiServerTests
{
    [Fact]
    public async Task An_opted_in_pod_is_stored_with_the_readiness_gate_and_another_is_stored_unchanged()
    {
        await using var cluster = await FakeApiServer.StartAsync();
        cluster.Store.Create(new V1Namespace
        {
            ApiVersion = "v1", Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.NamespaceOptIn } },
        });
        await using var interceptor = await SimulatedInterceptor.StartAsync(cluster);
        using var client = cluster.CreateClient();

        await client.CoreV1.CreateNamespacedPodAsync(Pod("cache-0", OptedIn(), WithReadinessGate("example.com/lb")), Namespace);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("plain"), Namespace);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("x", OptedIn(), GeneratedName("cache-")), Namespace);

        var pods = (await client.CoreV1.ListNamespacedPodAsync(Namespace)).Items.ToDictionary(p => p.Metadata.Name);
        Assert.Equal(["example.com/lb", PodConditionTypes.Serving], pods["cache-0"].Spec.ReadinessGates.Select(g => g.ConditionType));
        Assert.Null(pods["plain"].Spec.ReadinessGates);
        var generated = Assert.Single(pods.Values, p => p.Metadata.Name.StartsWith("cache-", StringComparison.Ordinal) && p.Metadata.Name != "cache-0");
        Assert.Equal([PodConditionTypes.Serving], generated.Spec.ReadinessGates.Select(g => g.ConditionType));
    }
}
