using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Tests.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// The endpointslice controller as a traffic switch sees it: a simulated kubelet turns a readiness gate into the Ready
/// condition, and the Service's slice follows it (upstream podToEndpoint: ready = serving and not terminating).
/// </summary>
public sealed class EndpointSliceControllerTests : NodeTest
{
    private const string Gate = "interceptor.dev/serving";

    protected override FakeApiServerOptions Options => new() { Controllers = SimulatedControllers.EndpointSlices };

    [Fact]
    public async Task A_pod_whose_readiness_gate_goes_False_is_not_ready_in_its_slice_until_it_goes_True_again()
    {
        await Server.Nodes.AddAsync("node-a");
        await Client.CoreV1.CreateNamespacedServiceAsync(WebService(), TestPods.Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(GatedPod("web-0"), TestPods.Namespace);
        await SetConditionAsync("web-0", Gate, "True");
        var ready = await WaitForEndpointAsync(c => c.Ready == true, "ready");

        await SetConditionAsync("web-0", Gate, "False");
        var unready = await WaitForEndpointAsync(c => c.Ready == false, "not ready");

        await SetConditionAsync("web-0", Gate, "True");
        await WaitForEndpointAsync(c => c.Ready == true, "ready again");
        Assert.Equal((true, false), (ready.Conditions.Serving, ready.Conditions.Terminating));
        Assert.Equal((false, false), (unready.Conditions.Serving, unready.Conditions.Terminating));
        Assert.Equal(("Pod", "web-0", "node-a"), (ready.TargetRef.Kind, ready.TargetRef.Name, ready.NodeName));
    }

    [Fact]
    public async Task The_slice_is_labelled_owned_by_the_service_and_carries_the_resolved_target_port()
    {
        var service = await Client.CoreV1.CreateNamespacedServiceAsync(WebService(), TestPods.Namespace);

        var slice = await EventuallyAsync(SliceAsync, s => s is not null, "a placeholder slice");
        await Server.Nodes.AddAsync("node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(GatedPod("web-0"), TestPods.Namespace);
        var filled = await EventuallyAsync(SliceAsync, s => s!.Endpoints?.Count == 1, "the pod's endpoint");

        Assert.Empty(slice!.Endpoints ?? []);
        Assert.Equal("endpointslice-controller.k8s.io", filled!.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.StartsWith("web-", filled.Metadata.Name);
        Assert.Equal(service.Metadata.Uid, Assert.Single(filled.Metadata.OwnerReferences).Uid);
        Assert.Equal(("http", 8080), (Assert.Single(filled.Ports).Name, Assert.Single(filled.Ports).Port));
        Assert.StartsWith("10.244.", Assert.Single(filled.Endpoints![0].Addresses));
        Assert.False(filled.Endpoints[0].Conditions.Ready);
    }

    [Fact]
    public async Task A_terminating_pod_stays_in_the_slice_serving_but_not_ready()
    {
        // No kubelet here: it would stop the containers at once and the terminal pod would leave the slice.
        await Client.CoreV1.CreateNamespacedServiceAsync(WebService(), TestPods.Namespace);
        var pod = TestPods.Pod("web-0", TestPods.OnNode("node-z"), TestPods.WithLabel("app", "web"));
        pod.Metadata.Finalizers = ["interceptor.dev/test-hold"];
        await Client.CoreV1.CreateNamespacedPodAsync(pod, TestPods.Namespace);
        var status = new { status = new { phase = "Running", podIP = "10.1.0.7", conditions = new[] { new { type = "Ready", status = "True" } } } };
        await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(KubernetesJson.Serialize(status), V1Patch.PatchType.MergePatch), "web-0", TestPods.Namespace);
        await WaitForEndpointAsync(c => c.Ready == true, "ready");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-0", TestPods.Namespace);
        var draining = await WaitForEndpointAsync(c => c.Terminating == true, "terminating");

        Assert.Equal((false, true), (draining.Conditions.Ready, draining.Conditions.Serving));
    }

    private static V1Service WebService() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
        },
    };

    private static V1Pod GatedPod(string name) => TestPods.Pod(name, TestPods.OnNode("node-a"), TestPods.WithLabel("app", "web"), WithReadinessGate(Gate), pod =>
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }]);

    private async Task<V1EndpointSlice?> SliceAsync() =>
        (await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(TestPods.Namespace, labelSelector: "kubernetes.io/service-name=web")).Items.SingleOrDefault();

    private async Task<V1Endpoint> WaitForEndpointAsync(Func<V1EndpointConditions, bool> condition, string what)
    {
        var slice = await EventuallyAsync(SliceAsync, s => s?.Endpoints is [{ } e] && condition(e.Conditions), $"the endpoint {what}");
        return slice!.Endpoints[0];
    }
}
