using k8s;
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
}
