using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The reduced deployment controller and the garbage collector.</summary>
public sealed class DeploymentControllerTests : ControllerTest
{
    [Fact]
    public async Task A_deployment_owns_one_replicaset_per_template_and_scales_the_old_one_to_zero()
    {
        Server.Store.Create(Node("n1"));
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", "app:1"), TestPods.Namespace);
        var first = await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "two pods");
        var hash = first[0].Metadata.Labels[PodTemplateHash.Label];
        var rs = await Client.AppsV1.ReadNamespacedReplicaSetAsync($"web-{hash}", TestPods.Namespace);

        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "web", TestPods.Namespace);
        var second = await EventuallyAsync(() => PodsAsync(),
            p => p.Count == 2 && p.All(x => x.Spec.Containers[0].Image == "app:2"), "two pods of the new template");

        Assert.Equal(deployment.Metadata.Uid, rs.Metadata.OwnerReferences.Single().Uid);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels[PodTemplateHash.Label]);
        Assert.All(first, p => Assert.Equal(rs.Metadata.Uid, ControllerUid(p)));
        Assert.NotEqual(hash, second[0].Metadata.Labels[PodTemplateHash.Label]);
        var old = await Client.AppsV1.ReadNamespacedReplicaSetAsync($"web-{hash}", TestPods.Namespace);
        Assert.Equal(0, old.Spec.Replicas);
        var status = await EventuallyAsync(() => Client.AppsV1.ReadNamespacedDeploymentStatusAsync("web", TestPods.Namespace),
            d => d.Status?.UpdatedReplicas == 2 && d.Status.Replicas == 2 && d.Status.ObservedGeneration == 2, "deployment status");
        Assert.Equal(2, status.Status.UnavailableReplicas);
    }

    [Fact]
    public async Task Deleting_a_deployment_deletes_its_replicasets_and_their_pods()
    {
        Server.Store.Create(Node("n1"));
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", "app:1"), TestPods.Namespace);
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 2, "two pods");
        // An unrelated pod with the same labels but no owner is no dependent of anything.
        Server.Store.Create(TestPods.Pod("bystander", TestPods.WithLabel("team", "x")));

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", TestPods.Namespace);

        await EventuallyAsync(() => PodsAsync(), p => p.Count == 0, "the pods gone");
        var replicaSets = await Client.AppsV1.ListNamespacedReplicaSetAsync(TestPods.Namespace);
        Assert.Empty(replicaSets.Items);
        Assert.True(Exists("bystander"));
    }

    private static V1Deployment Deployment(string name, string image) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestPods.Namespace },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = AppWeb },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = AppWeb },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
            },
        },
    };
}
