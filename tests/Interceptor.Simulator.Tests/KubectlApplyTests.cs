using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
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

    [KubectlFact]
    public async Task The_shipped_manifests_apply_with_kubectl_kustomize()
    {
        var output = await SucceedsAsync("apply", "-k", Interceptor.Testing.RepoPaths.Of("manifests"));

        // Every object kustomize renders is created, the webhook and the agent among them.
        foreach (var created in new[]
        {
            "namespace/interceptor-system created",
            "customresourcedefinition.apiextensions.k8s.io/podmigrations.interceptor.dev created",
            "validatingwebhookconfiguration.admissionregistration.k8s.io/interceptor-eviction created",
            "deployment.apps/interceptor created",
            "daemonset.apps/interceptor-agent created",
            "configmap/interceptor-agent created",
            "clusterrole.rbac.authorization.k8s.io/interceptor-agent created",
        })
        {
            Assert.Contains(created, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        var again = await SucceedsAsync("apply", "-k", Interceptor.Testing.RepoPaths.Of("manifests"));
        Assert.DoesNotContain(" created", again, StringComparison.Ordinal);
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
