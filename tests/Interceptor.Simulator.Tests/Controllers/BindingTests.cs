using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The pods/binding subresource (no scheduler running): binds once, refuses a second binding.</summary>
public sealed class BindingTests : ServerTest
{
    [Fact]
    public async Task A_binding_sets_the_node_and_PodScheduled_and_a_second_one_is_a_conflict()
    {
        Server.Store.Create(TestPods.Pod("p"));

        await Client.CoreV1.CreateNamespacedPodBindingAsync(Binding("p", "n1"), "p", TestPods.Namespace);
        var again = await ApiErrors.ThrowsStatusAsync(System.Net.HttpStatusCode.Conflict,
            () => Client.CoreV1.CreateNamespacedPodBindingAsync(Binding("p", "n2"), "p", TestPods.Namespace));

        var pod = await Client.CoreV1.ReadNamespacedPodAsync("p", TestPods.Namespace);
        Assert.Equal("n1", pod.Spec.NodeName);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "PodScheduled").Status);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to node \"n1\"", again.Message);
    }

    private static V1Binding Binding(string pod, string node) => new()
    {
        Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = TestPods.Namespace },
        Target = new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = node },
    };
}
