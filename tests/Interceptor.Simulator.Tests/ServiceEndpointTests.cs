using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>Endpoints and EndpointSlices are stored like any resource: what a traffic switch reads and watches.</summary>
public sealed class ServiceEndpointTests : ServerTest
{
    [Fact]
    public async Task Endpoint_slices_of_a_service_are_found_by_their_service_name_label()
    {
        await Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("web-abc12", "web", "10.0.0.1"), "default");
        await Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("api-def34", "api", "10.0.0.2"), "default");

        var slices = await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web");
        var groups = await Client.Apis.GetAPIVersionsAsync();

        var slice = Assert.Single(slices.Items);
        Assert.Equal("10.0.0.1", Assert.Single(Assert.Single(slice.Endpoints).Addresses));
        Assert.Contains(groups.Groups, g => g.Name == "discovery.k8s.io");
    }

    [Fact]
    public async Task Endpoints_are_replaced_with_optimistic_concurrency()
    {
        var created = await Client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "10.0.0.1" }] }],
        }, "default");

        created.Subsets[0].Addresses = [new V1EndpointAddress { Ip = "10.0.0.9" }];
        var replaced = await Client.CoreV1.ReplaceNamespacedEndpointsAsync(created, "web", "default");
        var stale = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedEndpointsAsync(created, "web", "default"));

        Assert.Equal("10.0.0.9", replaced.Subsets[0].Addresses[0].Ip);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, stale.Response.StatusCode);
    }

    private static V1EndpointSlice Slice(string name, string service, string ip) => new()
    {
        AddressType = "IPv4",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service } },
        Endpoints = [new V1Endpoint { Addresses = [ip], Conditions = new V1EndpointConditions { Ready = true } }],
    };
}
