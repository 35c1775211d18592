using System.Net;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// The disruption controller computes a PDB's status from its pods (pkg/controller/disruption), and the eviction
/// subresource decides on it as eviction.go does, unhealthyPodEvictionPolicy included.
/// </summary>
public sealed class DisruptionControllerTests : EvictionTest
{
    protected override FakeApiServerOptions Options => new() { Controllers = SimulatedControllers.Disruption | SimulatedControllers.ReplicaSets };

    /// <summary>
    /// minAvailable 2 over three pods: the evicted pod is ready or not, the other two pods hold
    /// <paramref name="othersReady"/> ready ones. Upstream outcomes: a ready pod needs disruptionsAllowed &gt; 0; an unready
    /// one goes with AlwaysAllow, and with IfHealthyBudget only while currentHealthy &gt;= desiredHealthy.
    /// </summary>
    [Theory]
    [InlineData(true, 2, "IfHealthyBudget", null)]
    [InlineData(true, 2, "AlwaysAllow", null)]
    [InlineData(true, 1, "IfHealthyBudget", "The disruption budget web-pdb needs 2 healthy pods and has 2 currently")]
    [InlineData(true, 1, "AlwaysAllow", "The disruption budget web-pdb needs 2 healthy pods and has 2 currently")]
    [InlineData(false, 2, "IfHealthyBudget", null)]
    [InlineData(false, 2, "AlwaysAllow", null)]
    [InlineData(false, 1, "IfHealthyBudget", "The disruption budget web-pdb needs 2 healthy pods and has 1 currently")]
    [InlineData(false, 1, "AlwaysAllow", null)]
    [InlineData(false, 1, null, "The disruption budget web-pdb needs 2 healthy pods and has 1 currently")]
    public async Task Eviction_follows_readiness_policy_and_budget_as_upstream(bool targetReady, int othersReady, string? policy, string? refusal)
    {
        AddPod("target", targetReady);
        AddPod("other-1", othersReady >= 1);
        AddPod("other-2", othersReady >= 2);
        await CreateBudgetAsync(new V1PodDisruptionBudgetSpec { MinAvailable = 2, UnhealthyPodEvictionPolicy = policy, Selector = new V1LabelSelector { MatchLabels = AppWeb } });
        var healthy = (targetReady ? 1 : 0) + othersReady;
        await EventuallyAsync(BudgetStatusAsync, s => s?.ExpectedPods == 3 && s.CurrentHealthy == healthy, "the budget's status");

        if (refusal is null)
        {
            await EvictAsync("target");
            var evicted = Server.Store.Get(BuiltinResources.Pods, Namespace, "target");
            var condition = ((JsonArray)evicted["status"]!["conditions"]!).Single(c => c!["type"]!.GetValue<string>() == "DisruptionTarget")!;
            Assert.Equal(("True", "EvictionByEvictionAPI", "Eviction API: evicting"),
                (condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>(), condition["message"]!.GetValue<string>()));
            Assert.NotNull(evicted["metadata"]!["deletionTimestamp"]);
            return;
        }
        using var response = await PostEvictionAsync("target", EvictionBody("target"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", status["message"]!.GetValue<string>());
        Assert.Equal(refusal, status["details"]!["causes"]![0]!["message"]!.GetValue<string>());
        Assert.Null(Server.Store.Get(BuiltinResources.Pods, Namespace, "target")["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Percent_maxUnavailable_counts_expected_pods_from_the_owner_scale_with_the_condition()
    {
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSetOf(4), Namespace);
        var pods = await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedPodAsync(Namespace)).Items, p => p.Count == 4, "four pods");
        foreach (var pod in pods.Take(3))
        {
            Server.Store.Modify(BuiltinResources.Pods, Namespace, pod.Metadata.Name, p => MarkReady(p), UpdateScope.Status);
        }
        await CreateBudgetAsync(new V1PodDisruptionBudgetSpec { MaxUnavailable = "30%", Selector = new V1LabelSelector { MatchLabels = AppWeb } });

        // 30% of 4 rounded up is 2 unavailable: desiredHealthy 2, three healthy, one disruption allowed.
        var status = await EventuallyAsync(BudgetStatusAsync, s => s?.CurrentHealthy == 3, "three healthy pods");

        Assert.Equal((4, 2, 1, 1L), (status!.ExpectedPods, status.DesiredHealthy, status.DisruptionsAllowed, status.ObservedGeneration!.Value));
        var condition = Assert.Single(status.Conditions);
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (condition.Type, condition.Status, condition.Reason));
    }

    private void AddPod(string name, bool ready)
    {
        var pod = Pod(name, InPhase("Running"), WithLabel("app", "web"));
        pod.Metadata.Finalizers = ["interceptor.dev/test-hold"];
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }];
        Server.Store.Create(pod);
    }

    private static JsonObject MarkReady(JsonObject pod)
    {
        pod["status"] = new JsonObject { ["phase"] = "Running", ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) };
        return pod;
    }

    private Task CreateBudgetAsync(V1PodDisruptionBudgetSpec spec) =>
        Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(
            new V1PodDisruptionBudget { Metadata = new V1ObjectMeta { Name = "web-pdb" }, Spec = spec }, Namespace);

    private async Task<V1PodDisruptionBudgetStatus?> BudgetStatusAsync() =>
        (await Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web-pdb", Namespace)).Status;

    private static V1ReplicaSet ReplicaSetOf(int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = AppWeb },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = AppWeb },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
            },
        },
    };
}
