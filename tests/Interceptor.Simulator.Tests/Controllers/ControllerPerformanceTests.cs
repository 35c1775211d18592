using System.Diagnostics;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// A coarse guard that the controllers do not make the server a bottleneck: a ReplicaSet of 1,000 replicas over
/// 10 nodes is created and fully bound well within the limit; the figures go to the test output.
/// </summary>
public sealed class ControllerPerformanceTests(ITestOutputHelper output) : ControllerTest
{
    private const int Replicas = 1000;

    [Fact]
    public async Task A_thousand_replicas_are_created_and_bound_in_seconds()
    {
        for (var i = 0; i < 10; i++)
        {
            Server.Store.Create(Node($"node-{i}"));
        }
        var clock = Stopwatch.StartNew();
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", Replicas), TestPods.Namespace);
        TimeSpan? created = null;
        var bound = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (bound < Replicas && !deadline.IsCancellationRequested)
        {
            await Task.Delay(5);
            var pods = Server.Store.ListShared(BuiltinResources.Pods, ObjectFilter.Everything).Items.ToList();
            if (created is null && pods.Count >= Replicas)
            {
                created = clock.Elapsed;
            }
            bound = pods.Count(p => p["spec"]?["nodeName"] is not null);
        }
        var allBound = clock.Elapsed;

        output.WriteLine($"{Replicas} pods created in {created?.TotalMilliseconds:F0} ms, all bound in {allBound.TotalMilliseconds:F0} ms");
        Assert.Equal(Replicas, bound);
        var perNode = Server.Store.ListShared(BuiltinResources.Pods, ObjectFilter.Everything).Items
            .GroupBy(p => p["spec"]!["nodeName"]!.GetValue<string>()).Select(g => g.Count()).ToList();
        Assert.Equal([100], perNode.Distinct());
    }
}
