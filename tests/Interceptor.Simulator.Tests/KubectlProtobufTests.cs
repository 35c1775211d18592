using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>kubectl's typed generators send protobuf; every installed kubectl creates through them.</summary>
public sealed class KubectlProtobufTests : KubectlTest
{
    public static TheoryData<KubectlClient> Clients => [.. KubectlClients.Installed];

    [KubectlTheory]
    [MemberData(nameof(Clients))]
    public async Task Create_namespace_works_with_every_installed_kubectl(KubectlClient client)
    {
        using var kubectl = Kubectl.For(Server, client);

        var result = await kubectl.RunAsync(Quick, "create", "namespace", "demo");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("namespace/demo created\n", result.Stdout);
        var stored = await Client.CoreV1.ReadNamespaceAsync("demo");
        Assert.Equal("Active", stored.Status.Phase);
    }

    [KubectlFact]
    public async Task Create_deployment_sends_protobuf_and_the_server_stores_its_json()
    {
        await SucceedsAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80");

        var stored = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        Assert.Equal(2, stored.Spec.Replicas);
        Assert.Equal("web", stored.Spec.Selector.MatchLabels["app"]);
        var container = Assert.Single(stored.Spec.Template.Spec.Containers);
        Assert.Equal(("nginx", "nginx:1.27", 80), (container.Name, container.Image, container.Ports[0].ContainerPort));
    }
}
