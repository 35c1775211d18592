using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The real kubectl against the fake server over HTTPS, through the kubeconfig the server writes.</summary>
public sealed class KubectlTests : KubectlTest
{
    [Fact]
    public async Task The_typed_client_trusts_the_https_servers_ca()
    {
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });

        Assert.Equal("https", Server.BaseAddress.Scheme);
        Assert.NotNull(Server.CertificateAuthority);
        Assert.Single((await Client.CoreV1.ListNodeAsync()).Items);
    }

    [Fact]
    public async Task The_kubeconfig_names_the_server_its_ca_and_a_token_user()
    {
        var text = await File.ReadAllTextAsync(Kubectl.KubeconfigPath);

        Assert.Contains($"server: \"{Server.BaseAddress.ToString().TrimEnd('/')}\"", text);
        Assert.Contains("certificate-authority-data: ", text);
        Assert.Contains("token: ", text);
        Assert.DoesNotContain("insecure-skip-tls-verify", text);
    }

    [KubectlFact]
    public async Task A_plain_http_server_writes_a_kubeconfig_without_ca_that_kubectl_accepts()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store.Create(Node("plain-1", []));
        using var kubectl = Kubectl.For(server);

        var result = await kubectl.RunAsync(Quick, "get", "nodes");

        Assert.DoesNotContain("certificate-authority-data", await File.ReadAllTextAsync(kubectl.KubeconfigPath));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("plain-1", result.Stdout);
    }

    [KubectlFact]
    public async Task Get_nodes_lists_the_nodes_over_verified_https()
    {
        Server.Store.Create(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = "n1" } });

        var output = await SucceedsAsync("get", "nodes");

        Assert.StartsWith("NAME", output);
        Assert.Contains("n1", output);
    }

    [KubectlFact]
    public async Task Get_nodes_prints_the_real_servers_node_columns()
    {
        Server.Store.Create(Node("worker-1", new Dictionary<string, string> { ["node-role.kubernetes.io/worker"] = "" }));
        Server.Store.Create(Node("worker-2", []));
        await SucceedsAsync("cordon", "worker-2");

        var lines = Lines(await SucceedsAsync("get", "nodes"));

        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], lines[0]);
        Assert.Equal(["worker-1", "Ready", "worker", "v1.36.0"], Without(lines[1], 3));
        Assert.Equal(["worker-2", "Ready,SchedulingDisabled", "<none>", "v1.36.0"], Without(lines[2], 3));
    }

    [KubectlFact]
    public async Task Get_pods_wide_in_all_namespaces_prints_ip_node_and_namespace()
    {
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running("10.244.1.7")));
        Server.Store.Create(TestPods.Pod("job-1", TestPods.InNamespace("batch"), TestPods.InPhase("Pending")));

        var lines = Lines(await SucceedsAsync("get", "pods", "-o", "wide", "-A"));

        Assert.Equal(
            ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"],
            lines[0]);
        Assert.Equal(["batch", "job-1", "0/1", "Pending", "0", "<none>", "<none>", "<none>", "<none>"], Without(lines[1], 5));
        Assert.Equal(["default", "web-1", "1/1", "Running", "0", "10.244.1.7", "worker-1", "<none>", "<none>"], Without(lines[2], 5));
    }

    [KubectlFact]
    public async Task Get_pods_in_a_namespace_prints_the_default_pod_columns()
    {
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running("10.244.1.7")));
        Server.Store.Create(TestPods.Pod("job-1", TestPods.InNamespace("batch")));

        var lines = Lines(await SucceedsAsync("get", "pods", "-n", "default"));

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], lines[0]);
        Assert.Equal(["web-1", "1/1", "Running", "0"], Without(lines[1], 4));
        Assert.Equal(2, lines.Count);
    }

    [KubectlFact]
    public async Task Get_pdb_and_namespaces_print_the_real_servers_columns()
    {
        Server.Store.Create(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = "shop" } });
        Server.Store.Create(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "shop" },
            Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = "25%" },
            Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 1 },
        });

        var budgets = Lines(await SucceedsAsync("get", "pdb", "-n", "shop"));
        var namespaces = Lines(await SucceedsAsync("get", "ns"));

        Assert.Equal(["NAME", "MIN", "AVAILABLE", "MAX", "UNAVAILABLE", "ALLOWED", "DISRUPTIONS", "AGE"], budgets[0]);
        Assert.Equal(["db", "N/A", "25%", "1"], Without(budgets[1], 4));
        Assert.Equal(["NAME", "STATUS", "AGE"], namespaces[0]);
        Assert.Equal(["shop", "Active"], Without(namespaces[1], 2));
    }

    [KubectlFact]
    public async Task Get_all_expands_the_all_category_from_discovery()
    {
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running("10.244.1.7")));
        Server.Store.Create(new V1ReplicaSet
        {
            ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        });

        var output = await SucceedsAsync("get", "all");

        Assert.Contains("pod/web-1", output);
        Assert.Contains("replicaset.apps/web", output);
    }

    [KubectlFact]
    public async Task Other_resources_print_name_and_age()
    {
        await Client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" } }, "default");

        var lines = Lines(await SucceedsAsync("get", "leases"));

        Assert.Equal(["NAME", "AGE"], lines[0]);
        Assert.Equal("leader", lines[1][0]);
    }

    [KubectlFact]
    public async Task Short_names_come_from_discovery()
    {
        Server.Store.Create(Node("worker-1", []));
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running("10.244.1.7")));

        var nodes = Lines(await SucceedsAsync("get", "no"));
        var pods = Lines(await SucceedsAsync("get", "po"));

        Assert.Equal(("worker-1", "web-1"), (nodes[1][0], pods[1][0]));
    }

    [KubectlFact]
    public async Task Get_watch_prints_each_change_as_a_row_under_one_header()
    {
        Server.Store.Create(TestPods.Pod("web-1", TestPods.OnNode("worker-1"), Running("10.244.1.7")));
        // --request-timeout ends the watch, so kubectl exits by itself.
        var watching = Kubectl.RunAsync(Quick, "get", "pods", "-w", "--request-timeout=4s");
        await WaitForWatchAsync();

        await Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"seen":"yes"}}}""", V1Patch.PatchType.MergePatch), "web-1", "default");
        var result = await watching;

        var lines = Lines(result.Stdout);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Skip(1), l => Assert.Equal(["web-1", "1/1", "Running", "0"], Without(l, 4)));
    }

    private async Task WaitForWatchAsync()
    {
        using var deadline = new CancellationTokenSource(Quick);
        while (!Server.Requests.Any(r => r.IsWatch))
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static V1Node Node(string name, Dictionary<string, string> labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            NodeInfo = new V1NodeSystemInfo { KubeletVersion = "v1.36.0" },
        },
    };

    private static Action<V1Pod> Running(string ip) => pod => pod.Status = new V1PodStatus
    {
        Phase = "Running",
        PodIP = ip,
        ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = "app", Image = "app:1", ImageID = "", Ready = true, RestartCount = 0,
                State = new V1ContainerState { Running = new V1ContainerStateRunning() },
            },
        ],
    };

    /// <summary>kubectl's columns split on runs of spaces (AGE varies, so tests drop it by index).</summary>
    private static List<string[]> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    private static string[] Without(string[] cells, int index) => [.. cells.Take(index), .. cells.Skip(index + 1)];
}
