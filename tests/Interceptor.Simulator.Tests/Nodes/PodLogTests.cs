using System.Net;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary><c>pods/{name}/log</c>: the container choice and the answers before the kubelet runs the pod.</summary>
public sealed class PodLogTests : NodeTest
{
    [Fact]
    public async Task A_pod_with_two_containers_needs_the_container_named()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("two", p => p.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox" })), TestPods.Namespace);

        var (code, body) = await GetAsync("api/v1/namespaces/default/pods/two/log");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("a container name must be specified for pod two, choose one of: [app side]", body);
    }

    [Fact]
    public async Task A_pod_on_no_node_has_an_empty_log_and_an_unknown_container_is_400()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("pending"), TestPods.Namespace);

        Assert.Equal((HttpStatusCode.OK, ""), await GetAsync("api/v1/namespaces/default/pods/pending/log"));
        var (code, body) = await GetAsync("api/v1/namespaces/default/pods/pending/log?container=nope");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("container nope is not valid for pod pending", body);
    }

    [Fact]
    public async Task The_log_follows_the_counter_and_tail_lines_keeps_the_last()
    {
        await Server.Nodes.AddAsync("node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("counter", TestPods.OnNode("node-a")), TestPods.Namespace);
        await WaitForReadyAsync("counter");
        await Task.Delay(100);

        var (_, all) = await GetAsync("api/v1/namespaces/default/pods/counter/log");
        var (_, tail) = await GetAsync("api/v1/namespaces/default/pods/counter/log?tailLines=2");

        Assert.StartsWith("count 1\ncount 2\n", all);
        Assert.Matches(@"^count (\d+)\ncount \d+\n$", tail);
    }

    private async Task<(HttpStatusCode, string)> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
