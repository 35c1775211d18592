using Interceptor.Tests.Builders;
using Xunit;

namespace Interceptor.Tests.Support;

/// <summary>One fake cluster, one set of generated certificates and one running interceptor, shared by a test class.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public FakeCluster Cluster { get; private set; } = null!;

    public TestCertificates Certificates { get; } = new();

    public InterceptorHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await FakeCluster.StartAsync();
        await Cluster.AddNamespaceAsync(TestPods.Namespace, Api.Labels.NamespaceOptIn);
        Host = await InterceptorHost.StartAsync(Certificates, Cluster.BaseAddress);
        await Host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Cluster.DisposeAsync();
        Certificates.Dispose();
    }
}
