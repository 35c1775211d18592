using k8s;
using k8s.Models;
using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests;

public sealed class DiscoveryTests : ServerTest
{
    [Fact]
    public async Task Version_is_a_plausible_1_36()
    {
        var version = await Client.Version.GetCodeAsync();

        Assert.Equal(("1", "36"), (version.Major, version.Minor));
        Assert.StartsWith("v1.36.", version.GitVersion);
    }

    [Fact]
    public async Task Core_resources_are_listed_with_their_status_subresources()
    {
        var core = await Client.CoreV1.GetAPIResourcesAsync();

        var pods = Assert.Single(core.Resources, r => r.Name == "pods");
        Assert.True(pods.Namespaced);
        Assert.Contains("watch", pods.Verbs);
        Assert.Contains(core.Resources, r => r.Name == "pods/status");
        Assert.False(Assert.Single(core.Resources, r => r.Name == "nodes").Namespaced);
    }

    [Fact]
    public async Task Groups_list_coordination_and_the_project_group()
    {
        var groups = await Client.Apis.GetAPIVersionsAsync();
        var versions = await Client.Core.GetAPIVersionsAsync();

        Assert.Contains(groups.Groups, g => g.Name == "coordination.k8s.io");
        Assert.Contains(groups.Groups, g => g.Name == "interceptor.dev" && g.PreferredVersion.Version == "v1alpha1");
        Assert.Equal(["v1"], versions.Versions);
    }

    [Fact]
    public async Task Group_versions_list_their_resources()
    {
        var leases = await Client.CoordinationV1.GetAPIResourcesAsync();

        Assert.Equal("coordination.k8s.io/v1", leases.GroupVersion);
        Assert.Contains(leases.Resources, r => r.Name == "leases" && r.Kind == "Lease");
    }

    [Fact]
    public async Task A_created_crd_registers_its_served_versions_and_is_established()
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.com",
                Scope = "Cluster",
                Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Kind = "Widget", ShortNames = ["wd"] },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true },
                    new V1CustomResourceDefinitionVersion { Name = "v0", Served = false, Storage = false },
                ],
            },
        };

        var created = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var groups = await Client.Apis.GetAPIVersionsAsync();

        var group = Assert.Single(groups.Groups, g => g.Name == "example.com");
        Assert.Equal(["v1"], group.Versions.Select(v => v.Version));
        var widgets = Assert.Single(Server.Store.Resources.All, r => r.Group == "example.com");
        Assert.Equal(("widgets", false), (widgets.Plural, widgets.Namespaced));
        Assert.Equal(["wd"], widgets.ShortNames);
        Assert.Contains(created.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
    }
}
