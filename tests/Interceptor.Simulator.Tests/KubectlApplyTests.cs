using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using Interceptor.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>kubectl apply: a CRD that becomes discoverable at once, its custom resources, and strategic merges on pods.</summary>
public sealed class KubectlApplyTests : KubectlTest
{
    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """;

    [KubectlFact]
    public async Task An_applied_crd_is_discovered_and_its_resources_applied_and_listed()
    {
        await SucceedsAsync("apply", "-f", await WriteAsync("crd.yaml", WidgetCrd));
        var widget = await WriteAsync("widget.yaml", Widget(size: 3));

        Assert.Equal("widget.example.com/w1 created\n", await SucceedsAsync("apply", "-f", widget));
        await File.WriteAllTextAsync(widget, Widget(size: 5));
        Assert.Equal("widget.example.com/w1 configured\n", await SucceedsAsync("apply", "-f", widget));
        var listed = await SucceedsAsync("get", "wd");
        var resources = await SucceedsAsync("api-resources", "--api-group=example.com");

        Assert.StartsWith("NAME   AGE\nw1", listed);
        Assert.Contains("widgets", resources);
        var stored = Server.Store.TryGet(Server.Store.Resources.Find("example.com", "v1", "widgets")!, "default", "w1");
        Assert.Equal(5, stored!["spec"]!["size"]!.GetValue<int>());
    }

    /// <summary>The DaemonSet controller runs, so the agent's pods meet Pod Security as on a real cluster.</summary>
    protected override FakeApiServerOptions Options => new() { UseHttps = true, Controllers = SimulatedControllers.DaemonSets };

    [KubectlFact]
    public async Task The_core_install_applies_under_restricted_without_a_Pod_Security_warning_and_without_the_agent()
    {
        var first = await Kubectl.RunAsync(Quick, "apply", "-k", RepoPaths.Of("manifests"));

        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var created in new[]
        {
            "namespace/interceptor-system created",
            "customresourcedefinition.apiextensions.k8s.io/podmigrations.interceptor.dev created",
            "validatingwebhookconfiguration.admissionregistration.k8s.io/interceptor-eviction created",
            "deployment.apps/interceptor created",
        })
        {
            Assert.Contains(created, first.Stdout, StringComparison.Ordinal);
        }
        // The namespace warns at restricted, so a Deployment template that fell short would be named here.
        Assert.DoesNotContain("PodSecurity", first.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("interceptor-agent", first.Stdout, StringComparison.Ordinal);
        var again = await SucceedsAsync("apply", "-k", RepoPaths.Of("manifests"));
        Assert.DoesNotContain(" created", again, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task The_agent_step_applies_after_the_core_and_its_pods_are_admitted_on_every_node()
    {
        AddNodes("node-a", "node-b");
        await SucceedsAsync("apply", "-k", RepoPaths.Of("manifests"));

        var agent = await Kubectl.RunAsync(Quick, "apply", "-k", RepoPaths.Of("manifests/agent"));

        Assert.True(agent.ExitCode == 0, agent.ToString());
        foreach (var created in new[]
        {
            "namespace/interceptor-node created", "daemonset.apps/interceptor-agent created", "configmap/interceptor-agent created",
            "serviceaccount/interceptor-agent created", "clusterrolebinding.rbac.authorization.k8s.io/interceptor-agent created",
        })
        {
            Assert.Contains(created, agent.Stdout, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("PodSecurity", agent.Stderr, StringComparison.Ordinal);
        var pods = await EventuallyAsync(AgentPodsAsync, p => p.Count == 2, "an agent pod on each node");
        Assert.Equal(["node-a", "node-b"], pods.Select(p => p.Spec.NodeName).Order());
        Assert.Empty(await FailedCreatesAsync("interceptor-node"));
    }

    [KubectlFact]
    public async Task The_agent_under_restricted_is_refused_as_the_real_server_refused_it()
    {
        // The layout the real cluster was given: the agent in a namespace that enforces restricted. The node joins
        // after the relabel, so the DaemonSet controller's first creates meet restricted.
        await SucceedsAsync("apply", "-k", RepoPaths.Of("manifests"));
        await SucceedsAsync("apply", "-k", RepoPaths.Of("manifests/agent"));
        await SucceedsAsync("label", "namespace", "interceptor-node", "--overwrite", "pod-security.kubernetes.io/enforce=restricted");

        AddNodes("node-a");

        var refusals = await EventuallyAsync(() => FailedCreatesAsync("interceptor-node"), e => e.Count > 0, "a FailedCreate event");
        // Retries with backoff refuse again, each naming its own generated pod: look at the first.
        var refusal = refusals[0];
        Assert.Equal(("Warning", "DaemonSet", "interceptor-agent"), (refusal.Type, refusal.InvolvedObject.Kind, refusal.InvolvedObject.Name));
        Assert.Matches(
            "^Error creating: pods \"interceptor-agent-[a-z0-9]{5}\" is forbidden: violates PodSecurity \"restricted:latest\": "
            + "unrestricted capabilities \\(container \"agent\" must not include \"DAC_OVERRIDE\" in securityContext.capabilities.add\\), "
            + "restricted volume types \\(volume \"kubelet-checkpoints\" uses restricted volume type \"hostPath\"\\), "
            + "runAsNonRoot != true \\(container \"agent\" must not set securityContext.runAsNonRoot=false\\), "
            + "runAsUser=0 \\(container \"agent\" must not set runAsUser=0\\)$",
            refusal.Message);
        Assert.Empty(await AgentPodsAsync());
    }

    private void AddNodes(params string[] names)
    {
        foreach (var name in names)
        {
            Server.Store.Create(new V1Node
            {
                ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = name },
                Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] },
            });
        }
    }

    private async Task<List<V1Pod>> AgentPodsAsync() =>
        [.. (await Client.CoreV1.ListNamespacedPodAsync("interceptor-node", labelSelector: "app.kubernetes.io/component=agent")).Items];

    private async Task<List<Corev1Event>> FailedCreatesAsync(string ns) =>
        [.. (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.Reason == "FailedCreate")];

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds; fails after <see cref="KubectlTest.Quick"/>.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var deadline = new CancellationTokenSource(Quick);
        var last = await read();
        while (!done(last))
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(50, CancellationToken.None);
            last = await read();
        }
        return last;
    }

    [KubectlFact]
    public async Task A_crds_printer_columns_are_the_tables_columns()
    {
        var crd = WidgetCrd + """

                additionalPrinterColumns:
                - {name: Size, type: integer, jsonPath: .spec.size}
                - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                - {name: Owner, type: string, jsonPath: .spec.owner}
                - {name: Node, type: string, jsonPath: .spec.node, priority: 1}
                - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            """;
        await SucceedsAsync("apply", "-f", await WriteAsync("crd.yaml", crd));
        await SucceedsAsync("apply", "-f", await WriteAsync("widget.yaml", Widget(size: 3) + """

            status: {conditions: [{type: Other, status: "False"}, {type: Ready, status: "True"}]}
            """));

        var plain = await SucceedsAsync("get", "widgets");
        var wide = await SucceedsAsync("get", "widgets", "-o", "wide");

        // A path that matches nothing is an empty cell (nil on the real server), which kubectl prints as blanks.
        Assert.Matches(@"^NAME +SIZE +READY +OWNER +AGE\nw1 +3 +True +\d+s\n$", plain);
        Assert.Matches(@"^NAME +SIZE +READY +OWNER +NODE +AGE\nw1 +3 +True +\d+s\n$", wide);
    }

    [KubectlFact]
    public async Task Reapplying_a_pod_merges_containers_by_name()
    {
        var pod = await WriteAsync("pod.yaml", Pod(label: "a", firstImage: "app:1"));
        await SucceedsAsync("apply", "-f", pod);
        await File.WriteAllTextAsync(pod, Pod(label: "b", firstImage: "app:2"));

        Assert.Equal("pod/web configured\n", await SucceedsAsync("apply", "-f", pod));

        var stored = Server.Store.TryGet<V1Pod>("default", "web")!;
        Assert.Equal(["app:2", "sidecar:1"], stored.Spec.Containers.Select(c => c.Image));
        Assert.Equal(["b"], stored.Metadata.Labels.Keys);
    }

    private async Task<string> WriteAsync(string name, string yaml)
    {
        var path = Path.Combine(Path.GetDirectoryName(Kubectl.KubeconfigPath)!, name);
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private static string Widget(int size) => $$"""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w1, namespace: default}
        spec: {size: {{size}}}
        """;

    private static string Pod(string label, string firstImage) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: default
          labels:
            {{label}}: "1"
        spec:
          containers: [{name: app, image: "{{firstImage}}"}, {name: sidecar, image: "sidecar:1"}]
        """;
}
