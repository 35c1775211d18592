using System.Net;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class SelectorTests : ServerTest
{
    /// <summary>Seeds: web-1 (app=web, tier=front, n1, Running), web-2 (app=web, n2, Pending), db (app=db, tier=back, n1, Running), bare.</summary>
    private async Task SeedAsync()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web-1", WithLabel("app", "web"), WithLabel("tier", "front"), OnNode("n1")), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web-2", WithLabel("app", "web"), OnNode("n2")), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("db", WithLabel("app", "db"), WithLabel("tier", "back"), OnNode("n1")), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("bare"), Namespace);
        foreach (var name in new[] { "web-1", "db" })
        {
            var pod = await Client.CoreV1.ReadNamespacedPodAsync(name, Namespace);
            pod.Status.Phase = "Running";
            await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, Namespace);
        }
    }

    public static TheoryData<string, string> LabelSelectors => new()
    {
        { "app=web", "web-1,web-2" },
        { "app==web", "web-1,web-2" },
        { "app!=web", "bare,db" },
        { "tier", "db,web-1" },
        { "!tier", "bare,web-2" },
        { "app in (web,db)", "db,web-1,web-2" },
        { "app notin (web)", "bare,db" },
        { "app=web,tier=front", "web-1" },
        { "app in (web, db),!tier", "web-2" },
        { "", "bare,db,web-1,web-2" },
    };

    [Theory]
    [MemberData(nameof(LabelSelectors))]
    public async Task Label_selector_lists_exactly_the_matching_pods(string selector, string expected)
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(p => p.Metadata.Name)));
    }

    public static TheoryData<string, string> FieldSelectors => new()
    {
        { "spec.nodeName=n1", "db,web-1" },
        { "spec.nodeName==n2", "web-2" },
        { "spec.nodeName!=n1", "bare,web-2" },
        { "status.phase=Running", "db,web-1" },
        { "status.phase=Running,spec.nodeName=n1,metadata.name!=db", "web-1" },
        { "metadata.name=bare", "bare" },
        { "metadata.namespace=default,spec.nodeName=", "bare" },
    };

    [Theory]
    [MemberData(nameof(FieldSelectors))]
    public async Task Field_selector_lists_exactly_the_matching_pods(string selector, string expected)
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedPodAsync(Namespace, fieldSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(p => p.Metadata.Name)));
    }

    [Fact]
    public async Task Label_and_field_selectors_combine()
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app=web", fieldSelector: "spec.nodeName=n1");

        Assert.Equal(["web-1"], list.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task List_carries_the_current_resource_version_and_typed_items()
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedPodAsync(Namespace);

        Assert.Equal(Server.Store.ResourceVersion.ToString(), list.Metadata.ResourceVersion);
        Assert.All(list.Items, p => Assert.Equal(("v1", "Pod"), (p.ApiVersion, p.Kind)));
    }

    [Fact]
    public async Task All_namespaces_list_spans_namespaces_and_namespaced_list_does_not()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("b", InNamespace("other")), "other");

        var all = await Client.CoreV1.ListPodForAllNamespacesAsync();
        var other = await Client.CoreV1.ListNamespacedPodAsync("other");

        Assert.Equal(["a", "b"], all.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["b"], other.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task Unsupported_field_label_is_400()
    {
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.BadRequest,
            () => Client.CoreV1.ListNamespacedPodAsync(Namespace, fieldSelector: "spec.containers=x"));

        Assert.Equal("field label not supported: spec.containers", status.Message);
    }
}
