using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.KubectlCommands;

/// <summary>
/// The commands a new user tries first, each with the outcome a real cluster gives: the object kubectl created or
/// changed, and what it printed. Keyed by the row name the table test shows.
/// </summary>
public static class EverydayCommands
{
    public static IReadOnlyDictionary<string, Func<CommandRun, Task>> All { get; } = new Dictionary<string, Func<CommandRun, Task>>
    {
        ["create namespace"] = CreateNamespace,
        ["create configmap"] = CreateConfigMap,
        ["create secret generic"] = CreateSecret,
        ["create deployment"] = CreateDeployment,
        ["create job"] = CreateJob,
        ["create serviceaccount"] = CreateServiceAccount,
        ["run"] = Run,
        ["expose"] = Expose,
        ["label"] = Label,
        ["annotate"] = Annotate,
        ["scale"] = Scale,
        ["rollout status deployment"] = RolloutStatus,
        ["wait --for=condition=Ready pod"] = WaitReady,
        ["delete --wait"] = DeleteWait,
        ["get -w"] = GetWatch,
        ["describe pod"] = DescribePod,
        ["describe node"] = DescribeNode,
        ["describe deployment"] = DescribeDeployment,
        ["get -o yaml"] = GetYaml,
        ["get -o json"] = GetJson,
        ["get -o wide"] = GetWide,
        ["get -o name"] = GetName,
        ["get -o jsonpath"] = GetJsonPath,
        ["explain"] = Explain,
        ["auth can-i"] = AuthCanI,
        ["events"] = Events,
        ["logs"] = Logs,
    };

    private static async Task CreateNamespace(CommandRun run)
    {
        Assert.Equal("namespace/demo created\n", await run.OkAsync("create", "namespace", "demo"));
        Assert.Equal("Active", (await run.Client.CoreV1.ReadNamespaceAsync("demo")).Status.Phase);
    }

    private static async Task CreateConfigMap(CommandRun run)
    {
        Assert.Equal("configmap/settings created\n", await run.OkAsync("create", "configmap", "settings", "--from-literal=mode=fast"));
        Assert.Equal("fast", (await run.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default")).Data["mode"]);
    }

    private static async Task CreateSecret(CommandRun run)
    {
        Assert.Equal("secret/login created\n", await run.OkAsync("create", "secret", "generic", "login", "--from-literal=user=admin"));
        var secret = await run.Client.CoreV1.ReadNamespacedSecretAsync("login", "default");
        Assert.Equal(("Opaque", "admin"), (secret.Type, Encoding.UTF8.GetString(secret.Data["user"])));
    }

    private static async Task CreateDeployment(CommandRun run)
    {
        Assert.Equal("deployment.apps/web created\n", await run.OkAsync("create", "deployment", "web", "--image=nginx", "--replicas=2"));
        await CommandRun.EventuallyAsync(() => run.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web"),
            pods => pods.Items.Count == 2, "the deployment's two pods");
    }

    private static async Task CreateJob(CommandRun run)
    {
        Assert.Equal("job.batch/once created\n", await run.OkAsync("create", "job", "once", "--image=busybox", "--", "echo", "hi"));
        var job = await run.Client.BatchV1.ReadNamespacedJobAsync("once", "default");
        Assert.Equal(["echo", "hi"], job.Spec.Template.Spec.Containers[0].Command);
    }

    private static async Task CreateServiceAccount(CommandRun run)
    {
        Assert.Equal("serviceaccount/robot created\n", await run.OkAsync("create", "serviceaccount", "robot"));
        Assert.NotNull(await run.Client.CoreV1.ReadNamespacedServiceAccountAsync("robot", "default"));
    }

    private static async Task Run(CommandRun run)
    {
        await run.NodeAsync();
        Assert.Equal("pod/web created\n", await run.OkAsync("run", "web", "--image=nginx"));
        var pod = await CommandRun.EventuallyAsync(() => run.Client.CoreV1.ReadNamespacedPodAsync("web", "default"),
            p => p.Status?.Phase == "Running", "pod web Running");
        Assert.Equal(("web", "nginx", "node-1"), (pod.Metadata.Labels["run"], pod.Spec.Containers[0].Image, pod.Spec.NodeName));
    }

    private static async Task Expose(CommandRun run)
    {
        await run.DeploymentAsync("web", 1);
        Assert.Equal("service/web exposed\n", await run.OkAsync("expose", "deployment", "web", "--port=80", "--target-port=8080"));
        var service = await run.Client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        Assert.Equal("web", service.Spec.Selector["app"]);
        Assert.Equal((80, "8080"), (service.Spec.Ports[0].Port, service.Spec.Ports[0].TargetPort.Value));
    }

    private static async Task Label(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("p"), "default");
        Assert.Equal("pod/p labeled\n", await run.OkAsync("label", "pod", "p", "tier=front"));
        Assert.Equal("front", (await run.Client.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.Labels["tier"]);
    }

    private static async Task Annotate(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("p"), "default");
        // kubectl before 1.28 prints the verb as "annotate" (its PrintFlags operation); the wording is the client's.
        Assert.Matches("^pod/p annotated?\n$", await run.OkAsync("annotate", "pod", "p", "note=hello"));
        Assert.Equal("hello", (await run.Client.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.Annotations["note"]);
    }

    private static async Task Scale(CommandRun run)
    {
        await run.DeploymentAsync("web", 1);
        Assert.Equal("deployment.apps/web scaled\n", await run.OkAsync("scale", "deployment", "web", "--replicas=3"));
        Assert.Equal(3, (await run.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Spec.Replicas);
    }

    private static async Task RolloutStatus(CommandRun run)
    {
        await run.NodeAsync();
        await run.DeploymentAsync("web", 2);
        var output = await run.OkAsync("rollout", "status", "deployment/web", "--timeout=30s");
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", output);
    }

    private static async Task WaitReady(CommandRun run)
    {
        await run.NodeAsync();
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("p"), "default");
        Assert.Equal("pod/p condition met\n", await run.OkAsync("wait", "--for=condition=Ready", "pod/p", "--timeout=30s"));
    }

    private static async Task DeleteWait(CommandRun run)
    {
        await run.RunningPodAsync();
        Assert.StartsWith("pod \"p\" deleted", await run.OkAsync("delete", "pod", "p", "--wait"));
        Assert.Empty((await run.Client.CoreV1.ListNamespacedPodAsync("default")).Items);
    }

    /// <summary>The watch's first event is the pod as it is; the request timeout ends the watch.</summary>
    private static async Task GetWatch(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("p"), "default");
        var output = await run.OkAsync("get", "pods", "-w", "--request-timeout=2s");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.StartsWith("p ", Assert.Single(lines[1..]));
    }

    private static async Task DescribePod(CommandRun run)
    {
        var pod = await run.RunningPodAsync();
        var output = await run.OkAsync("describe", "pod", "p");
        // describe aligns its values after the longest label it prints; only the values are the server's.
        Assert.Matches(@"(?m)^Name:\s+p$", output);
        Assert.Matches($@"(?m)^Node:\s+node-1/{(await run.Client.CoreV1.ReadNodeAsync("node-1")).Status.Addresses[0].Address}$", output);
        Assert.Matches(@"(?m)^Status:\s+Running$", output);
        Assert.Matches($@"(?m)^IP:\s+{pod.Status.PodIP}$", output);
        Assert.Matches(@"(?m)^\s+Ready\s+True\s*$", output);
    }

    private static async Task DescribeNode(CommandRun run)
    {
        await run.RunningPodAsync();
        var output = await run.OkAsync("describe", "node", "node-1");
        Assert.Contains("Name:               node-1\n", output);
        Assert.Contains("Non-terminated Pods:", output);
        Assert.Matches(@"\n\s+default\s+p\s", output);
    }

    private static async Task DescribeDeployment(CommandRun run)
    {
        await run.NodeAsync();
        await run.DeploymentAsync("web", 2);
        await CommandRun.EventuallyAsync(() => run.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"),
            d => d.Status?.AvailableReplicas == 2, "two available replicas");
        var output = await run.OkAsync("describe", "deployment", "web");
        Assert.Matches(@"(?m)^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$", output);
        Assert.Matches(@"NewReplicaSet:\s+web-\w+ \(2/2 replicas created\)", output);
    }

    private static async Task GetYaml(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");
        var lines = (await run.OkAsync("get", "configmap", "cm", "-o", "yaml")).Split('\n');
        Assert.Equal(["apiVersion: v1", "data:", "  k: v", "kind: ConfigMap", "metadata:"], lines[..5]);
        Assert.Contains("  name: cm", lines);
    }

    private static async Task GetJson(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("p"), "default");
        var pod = JsonNode.Parse(await run.OkAsync("get", "pod", "p", "-o", "json"))!;
        Assert.Equal(("Pod", "p", "default"), ((string?)pod["kind"], (string?)pod["metadata"]!["name"], (string?)pod["metadata"]!["namespace"]));
    }

    private static async Task GetWide(CommandRun run)
    {
        var pod = await run.RunningPodAsync();
        var lines = (await run.OkAsync("get", "pods", "-o", "wide")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$", lines[0]);
        Assert.Matches($@"^p\s+1/1\s+Running\s+0\s+\S+\s+{pod.Status.PodIP}\s+node-1\s+<none>\s+<none>$", lines[1]);
    }

    private static async Task GetName(CommandRun run)
    {
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("a"), "default");
        await run.Client.CoreV1.CreateNamespacedPodAsync(Support.TestPods.Pod("b"), "default");
        Assert.Equal("pod/a\npod/b\n", await run.OkAsync("get", "pods", "-o", "name"));
    }

    private static async Task GetJsonPath(CommandRun run)
    {
        await run.RunningPodAsync();
        Assert.Equal("node-1 Running", await run.OkAsync("get", "pod", "p", "-o", "jsonpath={.spec.nodeName} {.status.phase}"));
    }

    /// <summary>
    /// Out of scope: the server publishes no schemas (an empty /openapi/v2, no /openapi/v3), so explain finds no
    /// definition for the kind and says so.
    /// </summary>
    private static async Task Explain(CommandRun run)
    {
        var result = await run.RunAsync("explain", "pods");
        Assert.Equal((1, "error: couldn't find resource for \"/v1, Kind=Pod\"\n"), (result.ExitCode, result.Stderr));
    }

    private static async Task AuthCanI(CommandRun run)
    {
        Assert.Equal("yes\n", await run.OkAsync("auth", "can-i", "create", "pods"));
    }

    /// <summary>The simulated scheduler and kubelet record no Events; the row records one as the scheduler would.</summary>
    private static async Task Events(CommandRun run)
    {
        var pod = await run.RunningPodAsync();
        await run.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "p.scheduled" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p", NamespaceProperty = "default", Uid = pod.Metadata.Uid },
            Reason = "Scheduled",
            Message = "Successfully assigned default/p to node-1",
            Type = "Normal",
            FirstTimestamp = DateTime.UtcNow,
            LastTimestamp = DateTime.UtcNow,
            Count = 1,
            Source = new V1EventSource { Component = "default-scheduler" },
        }, "default");
        var lines = (await run.OkAsync("events")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$", lines[0]);
        Assert.Matches(@"^\d+m?s\s+Normal\s+Scheduled\s+Pod/p\s+Successfully assigned default/p to node-1$", Assert.Single(lines[1..]));
    }

    private static async Task Logs(CommandRun run)
    {
        await run.RunningPodAsync();
        await Task.Delay(100);
        var lines = (await run.OkAsync("logs", "p")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, string.Join('\n', lines));
        Assert.Equal([.. Enumerable.Range(1, lines.Length).Select(i => $"count {i}")], lines);
        Assert.Matches(@"^count \d+\n$", await run.OkAsync("logs", "p", "--tail=1"));
    }
}
