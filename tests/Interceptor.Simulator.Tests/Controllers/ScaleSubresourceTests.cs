using System.Net;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The workloads' scale subresource, through the typed client and the real <c>kubectl scale</c>.</summary>
public sealed class ScaleSubresourceTests : ControllerTest
{
    protected override FakeApiServerOptions Options => new() { UseHttps = true, Controllers = SimulatedControllers.All };

    [Fact]
    public async Task The_scale_shows_replicas_and_the_selector_and_a_stale_resourceVersion_conflicts()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 2), TestPods.Namespace);
        var scale = await EventuallyAsync(() => Client.AppsV1.ReadNamespacedReplicaSetScaleAsync("web", TestPods.Namespace),
            s => s.Status.Replicas == 2, "two replicas in the scale");

        var readVersion = scale.Metadata.ResourceVersion;
        scale.Spec.Replicas = 3;
        // Without a resourceVersion the write is unconditional, whatever status updates happened since the read.
        scale.Metadata.ResourceVersion = null;
        var replaced = await Client.AppsV1.ReplaceNamespacedReplicaSetScaleAsync(scale, "web", TestPods.Namespace);
        scale.Metadata.ResourceVersion = readVersion;
        var stale = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Conflict,
            () => Client.AppsV1.ReplaceNamespacedReplicaSetScaleAsync(scale, "web", TestPods.Namespace));

        Assert.Equal("app=web", scale.Status.Selector);
        Assert.Equal(3, replaced.Spec.Replicas);
        Assert.Contains("the object has been modified", stale.Message);
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 3, "a third pod");
    }

    [KubectlFact]
    public async Task Kubectl_scale_patches_the_deployment_and_the_controllers_follow()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = TestPods.Namespace },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = AppWeb },
                Template = ReplicaSet("web", 0).Spec.Template,
            },
        }, TestPods.Namespace);
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 3, "three pods");
        using var kubectl = Kubectl.For(Server);

        var result = await kubectl.RunAsync(TimeSpan.FromSeconds(30), "scale", "deployment", "web", "--replicas=1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/web scaled\n", result.Stdout);
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 1, "one pod left");
    }
}
