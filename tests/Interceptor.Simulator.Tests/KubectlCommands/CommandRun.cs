using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.KubectlCommands;

/// <summary>One row of the everyday-commands table: a fresh server with controllers, a client and one kubectl version.</summary>
public sealed class CommandRun(FakeApiServer server, Kubernetes client, Support.Kubectl kubectl)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);

    public FakeApiServer Server { get; } = server;

    public Kubernetes Client { get; } = client;

    public Task<KubectlResult> RunAsync(params string[] args) => kubectl.RunAsync(Limit, args);

    /// <summary>kubectl's stdout; fails with everything it printed when it exits non-zero.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result.Stdout;
    }

    /// <summary>A node with a simulated kubelet, so that scheduled pods run, become Ready and write logs.</summary>
    public Task<Simulator.Nodes.SimulatedNode> NodeAsync(string name = "node-1") => Server.Nodes.AddAsync(name);

    /// <summary>A bare pod on a node, once it is Running and Ready.</summary>
    public async Task<V1Pod> RunningPodAsync(string name = "p")
    {
        await NodeAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod(name), "default");
        return await EventuallyAsync(() => Client.CoreV1.ReadNamespacedPodAsync(name, "default"),
            pod => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, $"pod {name} Ready");
    }

    public Task<V1Deployment> DeploymentAsync(string name, int replicas) =>
        Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
                },
            },
        }, "default");

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
